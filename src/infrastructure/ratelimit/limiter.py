"""Rate limiter on the ``limits`` library: a moving window, in Redis or in memory."""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from usecases.shared.ports.rate_limiter import RateDecision, RateLimit


def rate_limit_storage(redis_url: str | None, namespace: str) -> Storage:
    if redis_url is None:
        return MemoryStorage()
    uri = redis_url.replace("redis://", "async+redis://", 1).replace(
        "rediss://", "async+rediss://", 1
    )
    return RedisStorage(uri, implementation="redispy", key_prefix=f"{namespace}:ratelimit")


class MovingWindowLimiter:
    def __init__(self, storage: Storage) -> None:
        self._limiter = MovingWindowRateLimiter(storage)

    @staticmethod
    def _item(limit: RateLimit) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(limit.hits, limit.per_seconds)

    async def hit(self, limit: RateLimit, *identifiers: str) -> RateDecision:
        item = self._item(limit)
        allowed = await self._limiter.hit(item, *identifiers)
        stats = await self._limiter.get_window_stats(item, *identifiers)
        retry_after = 0 if allowed else max(1, math.ceil(stats.reset_time - time.time()))
        return RateDecision(
            allowed=allowed, remaining=stats.remaining, retry_after_seconds=retry_after
        )

    async def reset(self, limit: RateLimit, *identifiers: str) -> None:
        await self._limiter.clear(self._item(limit), *identifiers)
