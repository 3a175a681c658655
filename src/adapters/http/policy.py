"""Each route declares who may call it, where the authorization test matrix can read it.

The declaration documents and is tested; it does not decide: the use case makes the one policy
check (deny by default). ``@access(...)`` goes right under the route decorator:

    @router.get("/users/{user_code}", ...)
    @access(permission(USERS_READ))
    async def get_user(...): ...

Kinds: ``public`` (no credentials), ``authenticated`` (any signed-in user, acting on their own
account), ``permission`` (403 without it), ``owner`` (an object with an owner: anyone else gets
404 unless they hold the override ``permission``), ``api_key`` (the partner API: an API key
with the ``permission`` scope, never a bearer token).

API keys (docs/api_keys.md) are refused by every route unless it names the one key scope it
accepts, and this part *is* enforced, by the request authentication (``adapters/http/auth.py``)
before the route runs: a key acts as its owner, so the policy above still applies.

    @router.get("/ledger/balances", ...)
    @access(AUTHENTICATED, key_scope="account:read")
    async def list_balances(actor: CurrentActor, ...): ..."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final, Literal, TypeVar

PolicyKind = Literal["public", "authenticated", "permission", "owner", "api_key"]
F = TypeVar("F", bound=Callable[..., Any])
ATTRIBUTE: Final = "__access_policy__"


@dataclass(frozen=True, slots=True)
class Policy:
    kind: PolicyKind
    permission: str | None = None
    key_scope: str | None = None  # the API-key scope the route accepts; None: keys refused

    def __str__(self) -> str:
        text = self.kind if self.permission is None else f"{self.kind}:{self.permission}"
        return text if self.key_scope is None else f"{text}+key:{self.key_scope}"

    @property
    def accepted_key_scope(self) -> str | None:
        """The scope an API key needs here (the partner API's is its ``permission``)."""
        return self.permission if self.kind == "api_key" else self.key_scope


PUBLIC: Final = Policy("public")
AUTHENTICATED: Final = Policy("authenticated")
OWNER: Final = Policy("owner")


def permission(name: str) -> Policy:
    return Policy("permission", name)


def owner_or(name: str) -> Policy:
    return Policy("owner", name)


def api_scope(scope: str) -> Policy:
    return Policy("api_key", scope)


def access(policy: Policy, *, key_scope: str | None = None) -> Callable[[F], F]:
    """Declare the route's policy; ``key_scope`` lets API keys with that scope call it."""
    declared = policy if key_scope is None else replace(policy, key_scope=key_scope)

    def declare(endpoint: F) -> F:
        setattr(endpoint, ATTRIBUTE, declared)
        return endpoint

    return declare


def policy_of(endpoint: Callable[..., Any], operation_id: str) -> Policy | None:
    declared = getattr(endpoint, ATTRIBUTE, None)
    return declared if isinstance(declared, Policy) else None
