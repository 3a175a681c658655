"""Per-user access state every authenticated request checks (blocked? tokens valid after?),
cached so a request costs no database round trip; use cases forget it when it changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from domain.identity.user import UserStatus
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork, UserAccess
from usecases.shared.ports.cache import Cache


def _key(user_id: UserId) -> str:
    return f"identity:access:{user_id}"


def _encode(access: UserAccess) -> bytes:
    after = "" if access.tokens_valid_after is None else str(access.tokens_valid_after.timestamp())
    return f"{access.status.value}|{after}".encode()


def _decode(raw: bytes) -> UserAccess | None:
    status, _, after = raw.decode().partition("|")
    try:
        return UserAccess(
            status=UserStatus(status),
            tokens_valid_after=datetime.fromtimestamp(float(after), UTC) if after else None,
        )
    except ValueError:
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
