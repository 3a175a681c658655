"""Per-user access state every authenticated request checks (blocked? tokens valid after?
roles, platforms, security settings), cached so a request costs no database round trip; use
cases forget it when it changes, so a change (a role removed, an account blocked) takes effect
on the next request. The roles that require two-factor are cached the same way, globally."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from domain.identity.access import TWO_FACTOR_ROLES
from domain.identity.user import UserStatus
from domain.shared.ids import UserId
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.ports import IdentityUnitOfWork
from usecases.shared.ports.cache import Cache

ROLE_POLICY_KEY = "identity:role-policies:v1"


def _key(user_id: UserId) -> str:
    return f"identity:access:v2:{user_id}"


def _encode(access: UserAccess) -> bytes:
    after = access.tokens_valid_after
    return json.dumps(
        {
            "s": access.status.value,
            "a": None if after is None else after.timestamp(),
            "r": sorted(access.roles),
            "p": sorted(access.platforms),
            "t": access.require_two_factor,
            "e": access.two_factor_enabled,
            "i": list(access.ip_allowlist),
            "x": access.idle_timeout_seconds,
        }
    ).encode()


def _decode(raw: bytes) -> UserAccess | None:
    try:
        data = json.loads(raw)
        after = data["a"]
        return UserAccess(
            status=UserStatus(data["s"]),
            tokens_valid_after=None if after is None else datetime.fromtimestamp(after, UTC),
            roles=frozenset(data["r"]),
            platforms=frozenset(data["p"]),
            require_two_factor=bool(data["t"]),
            two_factor_enabled=bool(data["e"]),
            ip_allowlist=tuple(data["i"]),
            idle_timeout_seconds=data["x"],
        )
    except (ValueError, KeyError, TypeError):
        return None


class UserAccessCache:
    def __init__(
        self, cache: Cache, uow_factory: Callable[[], IdentityUnitOfWork], *, ttl_seconds: int
    ) -> None:
        self._cache = cache
        self._uow_factory = uow_factory
        self._ttl = ttl_seconds

    async def get(self, user_id: UserId) -> UserAccess | None:
        raw = await self._cache.get(_key(user_id))
        cached = _decode(raw) if raw is not None else None
        if cached is not None:
            return cached
        async with self._uow_factory() as uow:
            access = await uow.users.access(user_id)
        if access is not None:
            await self._cache.set(_key(user_id), _encode(access), ttl_seconds=self._ttl)
        return access

    async def forget(self, user_id: UserId) -> None:
        await self._cache.delete(_key(user_id))

    async def two_factor_roles(self) -> frozenset[str]:
        """The roles whose holders need two-factor: the platform admin roles always, and those
        an operator chose (``role_policies``)."""
        return await self._policy_roles() | TWO_FACTOR_ROLES

    async def _policy_roles(self) -> frozenset[str]:
        raw = await self._cache.get(ROLE_POLICY_KEY)
        if raw is not None:
            try:
                return frozenset(json.loads(raw))
            except ValueError:
                pass
        async with self._uow_factory() as uow:
            roles = await uow.role_policies.two_factor_roles()
        await self._cache.set(
            ROLE_POLICY_KEY, json.dumps(sorted(roles)).encode(), ttl_seconds=self._ttl
        )
        return roles

    async def forget_role_policies(self) -> None:
        await self._cache.delete(ROLE_POLICY_KEY)
