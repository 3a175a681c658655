"""Rate limiter on the ``limits`` library: a moving window, in Redis or in memory.

A decision needs the hit and the window after it (what is left, when it frees up). The
library answers those in two Redis round trips (two scripts); with Redis through redis-py this
limiter runs both steps as one script, in one round trip, on the library's own keys and list
format (the timestamps of the hits, newest first), so ``reset`` and the library's own reads
still agree with it. Every login checks two limits, so that halves the limiter's share of a
login's work."""

from __future__ import annotations

import math
import time
from typing import Any, Final

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.storage.redis.redispy import RedispyBridge
from limits.aio.strategies import MovingWindowRateLimiter

from usecases.shared.ports.rate_limiter import RateDecision, RateLimit

# limits' acquire_moving_window.lua (one hit) followed by its moving_window.lua, in one script:
# returns {1 if the hit was taken else 0, the oldest timestamp in the window, hits in it}.
HIT_AND_WINDOW: Final = """
local timestamp = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local expiry = tonumber(ARGV[3])
local allowed = 0
local entry = redis.call('lindex', KEYS[1], limit - 1)
if not (entry and tonumber(entry) >= timestamp - expiry) then
    redis.call('lpush', KEYS[1], timestamp)
    redis.call('ltrim', KEYS[1], 0, limit - 1)
    redis.call('expire', KEYS[1], expiry)
    allowed = 1
end
local target = timestamp - expiry
local low, high, index = 0, limit - 1, nil
while low <= high do
    local mid = math.floor((low + high) / 2)
    local val = tonumber(redis.call('lindex', KEYS[1], mid))
    if val and val >= target then
        index = mid
        low = mid + 1
    else
        high = mid - 1
    end
end
if index then
    return {allowed, tostring(redis.call('lindex', KEYS[1], index)), index + 1}
end
return {allowed, tostring(timestamp), 0}
"""


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
        self._bridge: RedispyBridge | None = None
        self._script: Any = None
        if isinstance(storage, RedisStorage) and isinstance(storage.bridge, RedispyBridge):
            self._bridge = storage.bridge
            self._script = storage.bridge.get_connection().register_script(HIT_AND_WINDOW.encode())

    @staticmethod
    def _item(limit: RateLimit) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(limit.hits, limit.per_seconds)

    async def hit(self, limit: RateLimit, *identifiers: str) -> RateDecision:
        item = self._item(limit)
        if self._bridge is not None:
            return await self._hit_in_one_round_trip(item, identifiers)
        allowed = await self._limiter.hit(item, *identifiers)
        stats = await self._limiter.get_window_stats(item, *identifiers)
        return _decision(allowed, stats.remaining, stats.reset_time)

    async def _hit_in_one_round_trip(
        self, item: RateLimitItemPerSecond, identifiers: tuple[str, ...]
    ) -> RateDecision:
        assert self._bridge is not None
        key = self._bridge.prefixed_key(item.key_for(*identifiers))
        expiry = item.get_expiry()
        allowed, oldest, count = await self._script(
            keys=[key], args=[time.time(), item.amount, expiry]
        )
        return _decision(bool(allowed), item.amount - int(count), float(oldest) + expiry)

    async def reset(self, limit: RateLimit, *identifiers: str) -> None:
        await self._limiter.clear(self._item(limit), *identifiers)


def _decision(allowed: bool, remaining: int, reset_time: float) -> RateDecision:
    retry_after = 0 if allowed else max(1, math.ceil(reset_time - time.time()))
    return RateDecision(allowed=allowed, remaining=remaining, retry_after_seconds=retry_after)
