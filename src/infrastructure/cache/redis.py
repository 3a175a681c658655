"""Redis cache: keys live under the configured namespace. A Redis fault (unreachable, timed
out, an error answer) surfaces as the port's ``CacheUnavailable``.

``get_many`` is on every authenticated request (the principal's one round trip), so it takes
a shorter path through redis-py than ``Redis.mget``: the ``MGET`` for a list of keys is packed
once and remembered (a warm caller asks for the same keys request after request), and sent on
a pooled connection with the connection's own retry policy, without the client's per-command
dispatch (observability hooks, response callbacks, the single-connection lock)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from functools import wraps
from typing import Any, Final, ParamSpec, TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

from usecases.shared.ports.cache import CacheUnavailable

PACKED_SIZE: Final = 4096  # distinct key lists whose packed MGET is remembered
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
        self._packed: dict[tuple[str, ...], list[bytes]] = {}

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    @_unavailable_on_fault
    async def get(self, key: str) -> bytes | None:
        return _as_bytes(await self._redis.get(self._key(key)))

    @_unavailable_on_fault
    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not keys:
            return []
        if self._redis.single_connection_client:
            values = await self._redis.mget([self._key(k) for k in keys])
        else:
            values = await self._mget(tuple(keys))
        return [_as_bytes(v) for v in values]

    async def _mget(self, keys: tuple[str, ...]) -> list[Any]:
        pool = self._redis.connection_pool
        conn = await pool.get_connection()  # type: ignore[no-untyped-call]
        try:
            packed = self._packed.get(keys)
            if packed is None:
                packed = conn.pack_command("MGET", *(self._key(k) for k in keys))
                if len(self._packed) >= PACKED_SIZE:
                    del self._packed[next(iter(self._packed))]
                self._packed[keys] = packed

            async def send() -> Any:
                await conn.send_packed_command(packed)
                return await conn.read_response()

            async def disconnect(error: Exception) -> None:
                await conn.disconnect(error=error)

            return list(await conn.retry.call_with_retry(send, disconnect))
        finally:
            await pool.release(conn)

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
