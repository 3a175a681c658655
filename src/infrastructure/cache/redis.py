"""Redis cache: keys live under the configured namespace."""

from __future__ import annotations

from redis.asyncio import Redis


class RedisCache:
    def __init__(self, client: Redis, namespace: str = "meridian") -> None:
        self._redis = client
        self._namespace = namespace

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    async def get(self, key: str) -> bytes | None:
        value = await self._redis.get(self._key(key))
        if value is None:
            return None
        return value if isinstance(value, bytes) else str(value).encode()

    async def set(self, key: str, value: bytes, *, ttl_seconds: int | None = None) -> None:
        await self._redis.set(self._key(key), value, ex=ttl_seconds)

    async def set_if_absent(self, key: str, value: bytes, *, ttl_seconds: int) -> bool:
        return bool(await self._redis.set(self._key(key), value, ex=ttl_seconds, nx=True))

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._key(key))

    async def ping(self) -> None:
        await self._redis.ping()
