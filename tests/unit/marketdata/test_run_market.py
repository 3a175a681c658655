"""The simulator's run on in-memory fakes of its ports: who trades what and when (crypto around
the clock, equities only in their session, nothing for a halted instrument or one the
settings hold halted), refusals counted and never fatal, one run at a time, the heartbeat,
the quotes cancelled at the end, and every order with its own idempotency key."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from domain.shared.clock import SystemClock
from domain.shared.errors import RuleViolated
from domain.shared.ids import UserId
from infrastructure.cache.memory import MemoryCache
from usecases.marketdata.simulation.config import HEARTBEAT, SimulatorConfig
from usecases.marketdata.simulation.participants import Desk, Participants
from usecases.marketdata.simulation.run_market import (
    RunMarketSimulation,
    RunMarketSimulationHandler,
)
from usecases.system.public import Heartbeats
from usecases.trading.public.order_entry import (
    BookTop,
    ListedInstrument,
    OpenOrder,
    OrderAnswer,
    OrderTicket,
    Side,
)


def listed(symbol: str, asset_class: str, mark: str, **changes: object) -> ListedInstrument:
    price = Decimal(mark)
    instrument = ListedInstrument(
        symbol=symbol,
        asset_class=asset_class,
        currency="USD",
        tick_size=Decimal("0.01"),
        lot_size=Decimal("0.001"),
        min_notional=Decimal("1.00"),
        mark=price,
        band_low=(price * Decimal("0.8")).quantize(Decimal("0.01")),
        band_high=(price * Decimal("1.2")).quantize(Decimal("0.01")),
        halted=False,
        open_now=True,
    )
    return replace(instrument, **changes)  # type: ignore[arg-type]


@dataclass
class FakeOrderEntry:
    listing: list[ListedInstrument]
    refuse: str | None = None  # a code every buy is refused with
    tickets: list[OrderTicket] = field(default_factory=list)
    resting: dict[uuid.UUID, OrderTicket] = field(default_factory=dict)
    cancelled: list[uuid.UUID] = field(default_factory=list)

    async def instruments(self) -> list[ListedInstrument]:
        return list(self.listing)

    async def top_of_book(self, symbol: str) -> BookTop:
        bids = [
            t.limit_price
            for t in self.resting.values()
            if t.symbol == symbol and t.side is Side.BUY
        ]
        asks = [
            t.limit_price
            for t in self.resting.values()
            if t.symbol == symbol and t.side is Side.SELL
        ]
        return BookTop(
            best_bid=max((b for b in bids if b is not None), default=None),
            best_ask=min((a for a in asks if a is not None), default=None),
        )

    async def place(self, ticket: OrderTicket) -> OrderAnswer:
        if self.refuse and ticket.side is Side.BUY:
            raise RuleViolated("refused", code=self.refuse)
        self.tickets.append(ticket)
        order_id = uuid.uuid4()
        if ticket.rests:
            self.resting[order_id] = ticket
        filled = Decimal(0) if ticket.rests else ticket.quantity
        return OrderAnswer(
            order_id=order_id, status="accepted", filled_quantity=filled, resting=ticket.rests
        )

    async def cancel(self, user_id: UserId, order_id: uuid.UUID) -> bool:
        ticket = self.resting.pop(order_id, None)
        if ticket is None:
            return False
        assert ticket.user_id == user_id
        self.cancelled.append(order_id)
        return True

    async def open_orders(self, user_id: UserId) -> list[OpenOrder]:
        return [
            OpenOrder(order_id=i, symbol=t.symbol, side=t.side, price=t.limit_price or Decimal(0))
            for i, t in self.resting.items()
            if t.user_id == user_id
        ]

    async def holdings(self, user_id: UserId) -> dict[str, Decimal]:
        return {}


@dataclass
class FakeLock:
    taken: bool = False
    acquired: int = 0
    released: int = 0

    async def try_acquire(self) -> FakeLock | None:
        if self.taken:
            return None
        self.taken = True
        self.acquired += 1
        return self

    async def release(self) -> None:
        self.taken = False
        self.released += 1


def user() -> UserId:
    return UserId(uuid.uuid4())


SYMBOLS = ("AAPL", "BTC-USD", "ETH-USD", "SOL-USD")
PARTICIPANTS = Participants(
    desks={
        symbol: Desk(
            market_makers=(user(), user()),
            noise_traders=(user(), user()),
            momentum_traders=(user(),),
        )
        for symbol in SYMBOLS
    }
)
MAKERS = {u for desk in PARTICIPANTS.desks.values() for u in desk.market_makers}


def handler(
    entry: FakeOrderEntry, lock: FakeLock | None = None, **config: object
) -> tuple[RunMarketSimulationHandler, Heartbeats]:
    beats = Heartbeats(MemoryCache("test"), SystemClock())
    settings = SimulatorConfig(interval_seconds=0.01, seed=7, **config)  # type: ignore[arg-type]
    return RunMarketSimulationHandler(entry, lock or FakeLock(), beats, settings), beats


async def run(entry: FakeOrderEntry, ticks: int = 5, **config: object):  # type: ignore[no-untyped-def]
    built, beats = handler(entry, **config)
    summary = await built.execute(RunMarketSimulation(participants=PARTICIPANTS, ticks=ticks))
    return summary, beats


async def test_crypto_trades_around_the_clock_and_a_closed_equity_not_at_all() -> None:
    entry = FakeOrderEntry(
        [listed("BTC-USD", "crypto", "60000.00"), listed("AAPL", "stock", "230.00", open_now=False)]
    )
    summary, _ = await run(entry)
    assert summary.ran
    assert summary.ticks == 5
    traded = Counter(t.symbol for t in entry.tickets)
    assert traded["BTC-USD"] > 0
    assert traded["AAPL"] == 0
    assert [s.symbol for s in summary.symbols] == ["BTC-USD"]
    assert summary.orders_placed == len(entry.tickets)


async def test_an_open_equity_session_trades() -> None:
    entry = FakeOrderEntry([listed("AAPL", "stock", "230.00")])
    await run(entry)
    assert {t.symbol for t in entry.tickets} == {"AAPL"}


async def test_an_instrument_without_simulator_accounts_is_left_alone() -> None:
    entry = FakeOrderEntry(
        [listed("DOT-USD", "crypto", "4.500"), listed("SOL-USD", "crypto", "150.00")]
    )
    await run(entry)
    assert {t.symbol for t in entry.tickets} == {"SOL-USD"}


async def test_agents_leave_a_halted_instrument_and_one_held_halted_by_the_settings() -> None:
    entry = FakeOrderEntry(
        [
            listed("BTC-USD", "crypto", "60000.00", halted=True),
            listed("ETH-USD", "crypto", "2500.00"),
            listed("SOL-USD", "crypto", "150.00"),
        ]
    )
    await run(entry, halted=frozenset({"SOL-USD"}))
    assert {t.symbol for t in entry.tickets} == {"ETH-USD"}


async def test_every_order_is_on_the_grid_with_its_own_idempotency_key() -> None:
    instrument = listed("ETH-USD", "crypto", "2500.00")
    entry = FakeOrderEntry([instrument])
    await run(entry, ticks=10)
    assert len({t.key for t in entry.tickets}) == len(entry.tickets) > 10
    for ticket in entry.tickets:
        assert ticket.quantity % instrument.lot_size == 0
        if ticket.limit_price is not None:
            assert ticket.limit_price % instrument.tick_size == 0
            assert instrument.band_low <= ticket.limit_price <= instrument.band_high
    desk = PARTICIPANTS.desk("ETH-USD")
    assert {t.user_id for t in entry.tickets if t.rests} <= set(desk.market_makers)
    assert {t.user_id for t in entry.tickets} <= set(desk.everyone)  # its own accounts only


async def test_refusals_are_counted_by_code_and_the_run_goes_on() -> None:
    entry = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")], refuse="insufficient_funds")
    summary, _ = await run(entry, ticks=5)
    assert summary.ticks == 5
    assert summary.refused["insufficient_funds"] > 0
    assert summary.orders_placed == len(entry.tickets) > 0  # the sells still went
    assert all(t.side is Side.SELL for t in entry.tickets)


async def test_one_run_at_a_time() -> None:
    entry = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    lock = FakeLock(taken=True)  # another process runs the simulator
    built, _ = handler(entry, lock)
    summary = await built.execute(RunMarketSimulation(participants=PARTICIPANTS, ticks=3))
    assert not summary.ran
    assert entry.tickets == []
    lock.taken = False
    assert (await built.execute(RunMarketSimulation(participants=PARTICIPANTS, ticks=1))).ran
    assert lock.acquired == lock.released == 1


async def test_it_beats_its_heartbeat_and_cancels_its_quotes_when_it_ends() -> None:
    entry = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    summary, beats = await run(entry, ticks=3)
    assert (await beats.state(HEARTBEAT)).status == "running"
    assert entry.resting == {}  # nothing of the simulator stays on the book
    assert summary.cancelled == len(entry.cancelled) > 0


async def test_quotes_left_by_an_earlier_run_are_taken_over_and_replaced() -> None:
    entry = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    maker = PARTICIPANTS.desk("ETH-USD").market_makers[0]
    left = uuid.uuid4()
    entry.resting[left] = OrderTicket(
        user_id=maker,
        symbol="ETH-USD",
        side=Side.BUY,
        quantity=Decimal("1.000"),
        limit_price=Decimal("2400.00"),
        rests=True,
        key="earlier",
    )
    await run(entry, ticks=1)
    assert left in entry.cancelled


async def test_the_same_seed_places_the_same_orders() -> None:
    first = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    second = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    await run(first, ticks=8)
    await run(second, ticks=8)

    def terms(entry: FakeOrderEntry) -> list[tuple[object, ...]]:
        return [(t.side, t.quantity, t.limit_price, t.rests) for t in entry.tickets]

    assert terms(first) == terms(second)


async def test_an_instruments_market_makers_quote_at_different_depths() -> None:
    entry = FakeOrderEntry([listed("ETH-USD", "crypto", "2500.00")])
    await run(entry, ticks=1)
    first, second = PARTICIPANTS.desk("ETH-USD").market_makers
    bids = {t.user_id: t.limit_price for t in entry.tickets if t.rests and t.side is Side.BUY}
    asks = {t.user_id: t.limit_price for t in entry.tickets if t.rests and t.side is Side.SELL}
    assert bids[second] < bids[first] < asks[first] < asks[second]  # type: ignore[operator]
