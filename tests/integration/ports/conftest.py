"""Each port's contract runs against the in-memory adapter and against real Redis."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from redis.asyncio import Redis

from infrastructure.cache.memory import MemoryCache
from infrastructure.cache.redis import RedisCache
from infrastructure.pubsub.memory import MemoryPubSub
from infrastructure.pubsub.redis import RedisPubSub
from infrastructure.ratelimit.limiter import MovingWindowLimiter, rate_limit_storage
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.pubsub import PubSub
from usecases.shared.ports.rate_limiter import RateLimiter


@dataclass
class Backend:
    cache: Cache
    pubsub: PubSub
    limiter: RateLimiter


@pytest.fixture
def memory_backend() -> Backend:
    return Backend(
        MemoryCache(), MemoryPubSub(), MovingWindowLimiter(rate_limit_storage(None, "t"))
    )


@pytest.fixture
def redis_backend(redis_url: str, redis_client: Redis, redis_namespace: str) -> Backend:
    return Backend(
        RedisCache(redis_client, redis_namespace),
        RedisPubSub(redis_client, redis_namespace),
        MovingWindowLimiter(rate_limit_storage(redis_url, redis_namespace)),
    )


@pytest.fixture(params=["memory", "redis"])
def backend(request: pytest.FixtureRequest) -> Backend:
    backend: Backend = request.getfixturevalue(f"{request.param}_backend")
    return backend
