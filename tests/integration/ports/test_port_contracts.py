from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from infrastructure.cache.token_denylist import CacheTokenDenylist
from tests.integration.ports.conftest import Backend
from tests.support.clock import FixedClock
from usecases.shared.ports.rate_limiter import RateLimit


def key() -> str:
    return uuid.uuid4().hex


async def test_cache_round_trip_and_expiry(backend: Backend) -> None:
    k = key()
    assert await backend.cache.get(k) is None
    await backend.cache.set(k, b"value", ttl_seconds=1)
    assert await backend.cache.get(k) == b"value"
    await asyncio.sleep(1.1)
    assert await backend.cache.get(k) is None


async def test_set_if_absent_admits_exactly_one_of_many_concurrent_callers(
    backend: Backend,
) -> None:
    k = key()
    results = await asyncio.gather(
        *(backend.cache.set_if_absent(k, str(i).encode(), ttl_seconds=30) for i in range(20))
    )
    assert results.count(True) == 1
    await backend.cache.delete(k)
    assert await backend.cache.set_if_absent(k, b"again", ttl_seconds=30) is True


async def test_published_messages_reach_every_subscriber(backend: Backend) -> None:
    channel = key()
    async with (
        backend.pubsub.subscribe(channel) as first,
        backend.pubsub.subscribe(channel) as second,
    ):
        await asyncio.sleep(0.05)  # Redis confirms subscriptions asynchronously
        delivered = await backend.pubsub.publish(channel, b"tick")
        assert delivered == 2
        a = await asyncio.wait_for(anext(first.messages()), 2)
        b = await asyncio.wait_for(anext(second.messages()), 2)
    assert a == b == b"tick"
    assert await backend.pubsub.publish(channel, b"nobody") == 0


async def test_rate_limit_allows_the_budget_then_refuses_with_retry_after(backend: Backend) -> None:
    limit = RateLimit(hits=3, per_seconds=60)
    who = key()
    decisions = [await backend.limiter.hit(limit, "login", who) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[2].remaining == 0
    assert 1 <= decisions[3].retry_after_seconds <= 60
    assert (await backend.limiter.hit(limit, "login", key())).allowed  # others unaffected
    await backend.limiter.reset(limit, "login", who)
    assert (await backend.limiter.hit(limit, "login", who)).allowed


async def test_denied_tokens_are_remembered_until_they_expire(backend: Backend) -> None:
    clock = FixedClock()
    denylist = CacheTokenDenylist(backend.cache, clock)
    jti = key()
    await denylist.deny(jti, until=clock.now() + timedelta(seconds=1))
    assert await denylist.is_denied(jti)
    assert not await denylist.is_denied(key())
    await asyncio.sleep(1.1)
    assert not await denylist.is_denied(jti)


async def test_an_already_expired_token_needs_no_entry(backend: Backend) -> None:
    clock = FixedClock()
    denylist = CacheTokenDenylist(backend.cache, clock)
    jti = key()
    await denylist.deny(jti, until=clock.now() - timedelta(seconds=5))
    assert not await denylist.is_denied(jti)
