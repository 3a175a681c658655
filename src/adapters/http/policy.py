"""Each route declares who may call it, where the authorization test matrix can read it.

The declaration documents and is tested; it does not decide: the use case makes the one policy
check (deny by default). ``@access(...)`` goes right under the route decorator:

    @router.get("/users/{user_code}", ...)
    @access(permission(USERS_READ))
    async def get_user(...): ...

Kinds: ``public`` (no credentials), ``authenticated`` (any signed-in user, acting on their own
account), ``permission`` (403 without it), ``owner`` (an object with an owner: anyone else gets
404 unless they hold the override ``permission``), ``api_key`` (the partner API: an
``X-API-Key`` with the ``permission`` scope)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

PolicyKind = Literal["public", "authenticated", "permission", "owner", "api_key"]
F = TypeVar("F", bound=Callable[..., Any])
ATTRIBUTE: Final = "__access_policy__"


@dataclass(frozen=True, slots=True)
class Policy:
    kind: PolicyKind
    permission: str | None = None

    def __str__(self) -> str:
        return self.kind if self.permission is None else f"{self.kind}:{self.permission}"


PUBLIC: Final = Policy("public")
AUTHENTICATED: Final = Policy("authenticated")
OWNER: Final = Policy("owner")


def permission(name: str) -> Policy:
    return Policy("permission", name)


def owner_or(name: str) -> Policy:
    return Policy("owner", name)


def api_scope(scope: str) -> Policy:
    return Policy("api_key", scope)


def access(policy: Policy) -> Callable[[F], F]:
    def declare(endpoint: F) -> F:
        setattr(endpoint, ATTRIBUTE, policy)
        return endpoint

    return declare


def policy_of(endpoint: Callable[..., Any], operation_id: str) -> Policy | None:
    declared = getattr(endpoint, ATTRIBUTE, None)
    return declared if isinstance(declared, Policy) else None
