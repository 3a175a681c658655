"""In-memory cache for single-process mode: same contract as the Redis one."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence


class MemoryCache:
    def __init__(self, namespace: str = "meridian") -> None:
        self._namespace = namespace
        self._values: dict[str, tuple[bytes, float | None]] = {}
        self._lock = asyncio.Lock()

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    def _live(self, key: str) -> bytes | None:
        entry = self._values.get(key)
        if entry is None:
            return None
        value, expires = entry
        if expires is not None and expires <= time.monotonic():
            del self._values[key]
            return None
        return value

    async def get(self, key: str) -> bytes | None:
        return self._live(self._key(key))

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        return [self._live(self._key(k)) for k in keys]

    async def set(self, key: str, value: bytes, *, ttl_seconds: int | None = None) -> None:
        expires = None if ttl_seconds is None else time.monotonic() + ttl_seconds
        self._values[self._key(key)] = (value, expires)

    async def set_if_absent(self, key: str, value: bytes, *, ttl_seconds: int) -> bool:
        async with self._lock:
            if self._live(self._key(key)) is not None:
                return False
            await self.set(key, value, ttl_seconds=ttl_seconds)
            return True

    async def delete(self, key: str) -> None:
        self._values.pop(self._key(key), None)

    async def ping(self) -> None:
        return None
