"""The feed bus's contract, run against the in-memory bus and against real Redis: numbers per
stream, states kept, latest, listeners in order, and numbers that survive a new bus object."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis

from infrastructure.pubsub.feed_memory import MemoryFeedBus
from infrastructure.pubsub.feed_redis import RedisFeedBus
from usecases.shared.ports.feed import FeedBus, FeedMessage, FeedPublication

BusFactory = Callable[[], FeedBus]


@pytest.fixture(params=["memory", "redis"])
def new_bus(request: pytest.FixtureRequest) -> BusFactory:
    """A factory of bus objects on ONE store: a second object is the bus after a restart."""
    if request.param == "memory":
        bus = MemoryFeedBus()
        return lambda: bus  # one process: its memory is the store
    client: Redis = request.getfixturevalue("redis_client")
    namespace: str = request.getfixturevalue("redis_namespace")
    return lambda: RedisFeedBus(client, namespace)


def symbol() -> str:
    return f"S{uuid.uuid4().hex[:8].upper()}"


async def take(messages: AsyncIterator[FeedMessage], count: int) -> list[FeedMessage]:
    return [await asyncio.wait_for(anext(messages), 5) for _ in range(count)]


async def test_each_stream_is_numbered_on_its_own_from_one(new_bus: BusFactory) -> None:
    bus, a, b = new_bus(), symbol(), symbol()
    numbers = await bus.publish(
        [
            FeedPublication("trades", a, {"n": 1}),
            FeedPublication("trades", a, {"n": 2}),
            FeedPublication("trades", b, {"n": 1}),
            FeedPublication("level2", a, {"n": 1}),
        ]
    )
    assert numbers == [1, 2, 1, 1]
    assert await bus.publish([FeedPublication("trades", a, {"n": 3})]) == [3]
    assert await bus.publish([]) == []


async def test_latest_keeps_the_last_state_through_stateless_messages(new_bus: BusFactory) -> None:
    bus, s = new_bus(), symbol()
    assert await bus.latest("ticker", s) is None
    await bus.publish([FeedPublication("ticker", s, {"last": "1.00"}, state={"last": "1.00"})])
    await bus.publish([FeedPublication("ticker", s, {"note": "no state"})])
    latest = await bus.latest("ticker", s)
    assert latest is not None
    assert latest.sequence == 2
    assert latest.state == {"last": "1.00"}
    await bus.publish([FeedPublication("ticker", s, {"last": "2.50"}, state={"last": "2.50"})])
    latest = await bus.latest("ticker", s)
    assert latest is not None
    assert (latest.sequence, latest.state) == (3, {"last": "2.50"})
    await bus.publish([FeedPublication("trades", s, {"price": "1"})])
    trades = await bus.latest("trades", s)
    assert trades is not None
    assert (trades.sequence, trades.state) == (1, None)


async def test_a_listener_gets_every_message_in_order_with_its_state(new_bus: BusFactory) -> None:
    bus, s = new_bus(), symbol()
    key = f"{s}:1m"  # a key may hold a colon
    async with bus.listen() as messages:
        await bus.publish(
            [FeedPublication("trades", s, {"i": i, "price": "1.25"}) for i in range(1, 6)]
        )
        await bus.publish([FeedPublication("candles", key, {"o": "1"}, state={"o": "1"})])
        got = [m for m in await take(messages, 6) if m.key in (s, key)]
    trades = [m for m in got if m.channel == "trades"]
    assert [(m.sequence, m.data["i"]) for m in trades] == [(i, i) for i in range(1, 6)]
    assert trades[0].data == {"i": 1, "price": "1.25"}
    assert trades[0].state is None
    candle = got[-1]
    assert (candle.channel, candle.key, candle.sequence) == ("candles", key, 1)
    assert candle.data == {"o": "1"}
    assert candle.state == {"o": "1"}


async def test_two_listeners_each_get_everything(new_bus: BusFactory) -> None:
    bus, s = new_bus(), symbol()
    async with bus.listen() as first, new_bus().listen() as second:
        await bus.publish([FeedPublication("trades", s, {"i": i}) for i in range(3)])
        one, two = await take(first, 3), await take(second, 3)
    assert [m.sequence for m in one] == [m.sequence for m in two] == [1, 2, 3]
    assert [m.data for m in one] == [m.data for m in two]


async def test_numbers_continue_after_a_new_bus_object(new_bus: BusFactory) -> None:
    s = symbol()
    await new_bus().publish([FeedPublication("level2", s, {"a": 1}, state={"book": 1})] * 2)
    restarted = new_bus()
    latest = await restarted.latest("level2", s)
    assert latest is not None
    assert (latest.sequence, latest.state) == (2, {"book": 1})
    assert await restarted.publish([FeedPublication("level2", s, {"a": 2})]) == [3]


async def test_publishers_in_parallel_never_share_a_number(new_bus: BusFactory) -> None:
    s = symbol()
    batches = await asyncio.gather(
        *(new_bus().publish([FeedPublication("trades", s, {"i": i})] * 5) for i in range(8))
    )
    numbers = sorted(n for batch in batches for n in batch)
    assert numbers == list(range(1, 41))
    for batch in batches:  # one call's numbers are consecutive: it ran as one unit
        assert batch == list(range(batch[0], batch[0] + 5))
