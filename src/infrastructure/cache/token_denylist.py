"""Token denylist on the cache port: an entry lives exactly as long as the token would."""

from __future__ import annotations

import math
from datetime import datetime

from domain.shared.clock import Clock
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.token_denylist import denylist_cache_key


class CacheTokenDenylist:
    def __init__(self, cache: Cache, clock: Clock) -> None:
        self._cache = cache
        self._clock = clock

    async def deny(self, token_id: str, *, until: datetime) -> None:
        remaining = math.ceil((until - self._clock.now()).total_seconds())
        if remaining > 0:
            await self._cache.set(denylist_cache_key(token_id), b"1", ttl_seconds=remaining)

    async def is_denied(self, token_id: str) -> bool:
        return await self._cache.get(denylist_cache_key(token_id)) is not None
