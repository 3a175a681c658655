"""The matcher's feed publisher with fake buses: batches are published in commit order, one
publish a batch; a full queue drops a batch (the matcher never waits) and the next top of its
books is a reset; a bus that raises or hangs costs only its own batch, whose books reset; a
book rebuilt from the database is a reset; closing publishes what was queued."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from domain.trading.depth import BookTop
from domain.trading.matching.book import OrderBook
from domain.trading.terms import Side
from tests.unit.trading.test_instruments import instrument
from usecases.shared.ports.feed import FeedPublication
from usecases.trading.matcher.feed_messages import BookAfter, Committed
from usecases.trading.matcher.feed_publisher import FeedPublisher

SOL = instrument(symbol="SOL-USD", lot_size=Decimal("0.01"), trading_hours="24x7")
AT = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


class Bus:
    """Keeps every publish. ``gate`` (when set) holds each publish until it opens; the first
    ``hangs`` publishes never answer, the next ``failures`` raise."""

    def __init__(
        self, gate: asyncio.Event | None = None, failures: int = 0, hangs: int = 0
    ) -> None:
        self.calls: list[list[FeedPublication]] = []
        self.gate = gate
        self.failures = failures
        self.hangs = hangs
        self.answered = 0  # publishes that returned or raised
        self._answer = asyncio.Event()

    async def publish(self, publications: Sequence[FeedPublication]) -> list[int]:
        if self.hangs:
            self.hangs -= 1
            await asyncio.Event().wait()
        if self.gate is not None:
            await self.gate.wait()
        try:
            if self.failures:
                self.failures -= 1
                raise ConnectionError("down")
            self.calls.append(list(publications))
            return list(range(1, len(publications) + 1))
        finally:
            self.answered += 1
            self._answer.set()

    async def answered_to(self, count: int) -> None:
        async with asyncio.timeout(10):
            while self.answered < count:
                self._answer.clear()
                await self._answer.wait()

    def level2(self) -> list[dict[str, object]]:
        return [dict(p.data) for call in self.calls for p in call if p.channel == "level2"]


class Book:
    def __init__(self) -> None:
        self.book = OrderBook()
        self.number = 0

    def bid(self, lots: int, ticks: int, *, rebuilt: bool = False) -> Committed:
        self.number += 1
        self.book.place(self.number, "ann", Side.BUY, lots, ticks)
        after = BookAfter(SOL, BookTop.of(self.book), rebuilt)
        return Committed(time=AT, books=(after,), orders=(), fills=())


async def test_batches_are_published_in_order_one_publish_each_first_a_reset() -> None:
    bus, book = Bus(), Book()
    publisher = FeedPublisher(bus)
    publisher.committed(book.bid(100, 15000))
    publisher.committed(book.bid(50, 14990))
    publisher.committed(book.bid(25, 15000))
    await bus.answered_to(3)
    await publisher.aclose()
    assert len(bus.calls) == 3
    assert [(m["reset"], m["bids"]) for m in bus.level2()] == [
        (True, [["150.00", "1.00"]]),
        (False, [["149.90", "0.50"]]),
        (False, [["150.00", "1.25"]]),
    ]


async def test_a_full_queue_drops_without_waiting_and_the_next_top_is_a_reset() -> None:
    gate = asyncio.Event()
    bus, book = Bus(gate), Book()
    publisher = FeedPublisher(bus, queue_size=1)
    publisher.committed(book.bid(100, 15000))  # taken by the task, which waits on the bus
    await asyncio.sleep(0)
    publisher.committed(book.bid(50, 14990))  # queued
    publisher.committed(book.bid(25, 14980))  # no room: dropped, the book marked for a reset
    assert publisher.dropped == 1
    gate.set()
    await bus.answered_to(2)
    publisher.committed(book.bid(10, 14970))
    await bus.answered_to(3)
    await publisher.aclose()
    sent = bus.level2()
    assert [m["reset"] for m in sent] == [True, True, False]
    assert sent[1]["bids"] == [["150.00", "1.00"], ["149.90", "0.50"]]  # not yet the dropped one
    assert sent[2]["bids"] == [["149.80", "0.25"], ["149.70", "0.10"]]  # the dropped one's too


async def test_a_failing_bus_costs_its_batch_only_and_the_book_resets() -> None:
    bus, book = Bus(failures=1), Book()
    publisher = FeedPublisher(bus)
    publisher.committed(book.bid(100, 15000))
    publisher.committed(book.bid(50, 14990))
    publisher.committed(book.bid(25, 14980))
    await bus.answered_to(3)
    await publisher.aclose()
    assert publisher.failed == 1
    assert [m["reset"] for m in bus.level2()] == [True, False]
    assert [m["bids"] for m in bus.level2()] == [
        [["150.00", "1.00"], ["149.90", "0.50"]],
        [["149.80", "0.25"]],
    ]


async def test_a_bus_that_hangs_times_out_and_publishing_goes_on() -> None:
    bus, book = Bus(hangs=1), Book()
    publisher = FeedPublisher(bus, timeout=0.05)
    publisher.committed(book.bid(100, 15000))
    publisher.committed(book.bid(50, 14990))
    await bus.answered_to(1)
    await publisher.aclose()
    assert publisher.failed == 1
    assert [(m["reset"], m["bids"]) for m in bus.level2()] == [
        (True, [["150.00", "1.00"], ["149.90", "0.50"]])
    ]


async def test_a_rebuilt_book_is_a_reset_and_an_unchanged_top_publishes_nothing() -> None:
    bus, book = Bus(), Book()
    publisher = FeedPublisher(bus)
    publisher.committed(book.bid(100, 15000))
    unchanged = Committed(
        time=AT, books=(BookAfter(SOL, BookTop.of(book.book), False),), orders=(), fills=()
    )
    publisher.committed(unchanged)
    publisher.committed(book.bid(50, 14990, rebuilt=True))
    await bus.answered_to(2)
    await publisher.aclose()
    assert [m["reset"] for m in bus.level2()] == [True, True]
    assert len(bus.calls) == 2


async def test_closing_publishes_what_was_queued() -> None:
    bus, book = Bus(), Book()
    publisher = FeedPublisher(bus)
    for n in range(5):
        publisher.committed(book.bid(1, 15000 - n))
    await publisher.aclose()
    assert len(bus.calls) == 5
