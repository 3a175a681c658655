"""Redis cache: keys live under the configured namespace. A Redis fault (unreachable, timed
out, an error answer) surfaces as the port's ``CacheUnavailable``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

from usecases.shared.ports.cache import CacheUnavailable

P = ParamSpec("P")
R = TypeVar("R")


def _unavailable_on_fault(
    call: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    @wraps(call)
    async def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await call(*args, **kwargs)
        except (RedisError, OSError) as exc:
            raise CacheUnavailable(type(exc).__name__) from exc

    return guarded


def _as_bytes(value: object) -> bytes | None:
    if value is None:
        return None
    return value if isinstance(value, bytes) else str(value).encode()


class RedisCache:
    def __init__(self, client: Redis, namespace: str = "meridian") -> None:
        self._redis = client
        self._namespace = namespace

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    @_unavailable_on_fault
    async def get(self, key: str) -> bytes | None:
        return _as_bytes(await self._redis.get(self._key(key)))

    @_unavailable_on_fault
    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        values = await self._redis.mget([self._key(k) for k in keys])
        return [_as_bytes(v) for v in values]

    @_unavailable_on_fault
    async def set(self, key: str, value: bytes, *, ttl_seconds: int | None = None) -> None:
        await self._redis.set(self._key(key), value, ex=ttl_seconds)

    @_unavailable_on_fault
    async def set_if_absent(self, key: str, value: bytes, *, ttl_seconds: int) -> bool:
        return bool(await self._redis.set(self._key(key), value, ex=ttl_seconds, nx=True))

    @_unavailable_on_fault
    async def delete(self, key: str) -> None:
        await self._redis.delete(self._key(key))

    async def ping(self) -> None:
        await self._redis.ping()
