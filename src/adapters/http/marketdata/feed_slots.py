"""Connections per user across every API worker: a signed-in connection holds one of the
user's numbered slots in the cache (Redis with several workers), refreshed with each heartbeat
and given back when it closes; a worker that dies loses its slots when they expire."""

from __future__ import annotations

import contextlib
import logging
import uuid

from usecases.shared.ports.cache import Cache, CacheUnavailable

log = logging.getLogger("meridian.marketdata.feed")


class ConnectionSlots:
    def __init__(self, cache: Cache, limit: int, ttl_seconds: int) -> None:
        self._cache = cache
        self._limit = limit
        self._ttl = ttl_seconds

    def _keys(self, user_id: str) -> list[str]:
        return [f"marketdata:feed:connections:{user_id}:{n}" for n in range(self._limit)]

    async def claim(self, user_id: str) -> str | None:
        """A free slot's key, or None when the user holds every slot. The cache being down
        admits the connection (the limit protects capacity, not data)."""
        keys = self._keys(user_id)
        token = uuid.uuid4().hex.encode()
        try:
            held = await self._cache.get_many(keys)
            for key, value in zip(keys, held, strict=True):
                if value is None and await self._cache.set_if_absent(
                    key, token, ttl_seconds=self._ttl
                ):
                    return key
        except CacheUnavailable:
            log.warning("connection slots unavailable: connection admitted")
            return ""
        return None

    async def refresh(self, key: str) -> None:
        if key:
            with contextlib.suppress(CacheUnavailable):
                await self._cache.set(key, b"1", ttl_seconds=self._ttl)

    async def release(self, key: str) -> None:
        if key:
            with contextlib.suppress(CacheUnavailable):
                await self._cache.delete(key)
