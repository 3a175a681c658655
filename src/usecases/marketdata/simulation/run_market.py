"""Use case: run the simulated market for a while (or until stopped).

One process at a time runs it (``SimulatorLock``, a PostgreSQL advisory lock): a second answers
at once with ``ran=False``. Every ``interval`` seconds (a tick) it reads the instruments, and
for each one trading now (crypto always, equities in their session; not halted, not held
halted by the settings), concurrently across instruments: moves the fair value one step, reads
the top of the book, and lets every agent decide: the market makers cancel stale quotes and
quote again around the fair value, skewed against their inventory; the noise traders send
small market or marketable orders; the momentum traders follow the recent return. Every order
goes through trading's order entry with an idempotency key, as the simulator account placing
it. A refusal (insufficient funds, price band, market closed...) is counted by its code, never
fatal; an unexpected failure of one order is logged and counted, and the run goes on. It
beats the ``market-simulator`` heartbeat each tick, and when it ends it cancels the quotes it
left on the books (for at most ``FINISH_SECONDS``: what is left, the next run takes over)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final
from uuid import UUID

from domain.marketdata.simulation.grid import PriceGrid
from domain.marketdata.simulation.intents import (
    Intent,
    LiveQuote,
    MarketView,
    Quote,
    Side,
    Take,
    Withdraw,
)
from domain.marketdata.simulation.market_maker import MarketMaker
from domain.shared.errors import DomainError
from domain.shared.ids import UserId, new_uuid
from usecases.marketdata.simulation.config import HEARTBEAT, SimulatorConfig
from usecases.marketdata.simulation.market_state import InstrumentState
from usecases.marketdata.simulation.participants import Participants
from usecases.marketdata.simulation.ports import SimulatorLock
from usecases.system.public import Heartbeats
from usecases.trading.public.order_entry import (
    ListedInstrument,
    OrderEntry,
    OrderTicket,
)
from usecases.trading.public.order_entry import Side as OrderSide

FINISH_SECONDS: Final = 10.0  # how long the end of a run may spend cancelling its quotes
STALE: Final = -(10**9)  # the step an adopted quote counts as placed in: stale at once

log = logging.getLogger("meridian.marketdata.simulator")


def code_of(refusal: DomainError) -> str:
    """The refusal's most precise code: its first field's (``price_outside_band``), else its
    own (``insufficient_funds``)."""
    for error in refusal.errors:
        if error.code:
            return error.code
    return refusal.error_code


@dataclass(frozen=True, slots=True, kw_only=True)
class RunMarketSimulation:
    participants: Participants
    duration_seconds: float | None = None  # None: until ``stop`` (or ``ticks``)
    ticks: int | None = None  # stop after this many ticks (None: no such limit)
    interval_seconds: float | None = None  # None: the configured one
    seed: int | None = None  # None: the configured one, else drawn
    symbols: frozenset[str] | None = None  # None: every listed instrument
    stop: asyncio.Event | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SymbolSummary:
    symbol: str
    last_price: Decimal | None
    fair_value: Decimal | None
    orders: int
    trades: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulationSummary:
    ran: bool  # False: another process holds the simulator lock
    seed: int
    ticks: int = 0
    orders_placed: int = 0
    trades: int = 0  # orders that traded when they arrived (each one trade or more)
    cancelled: int = 0
    refused: dict[str, int] = field(default_factory=dict)  # by the refusal's code
    failed: int = 0  # orders and cancels that failed unexpectedly (logged), the run going on
    symbols: tuple[SymbolSummary, ...] = ()

    @property
    def refused_total(self) -> int:
        return sum(self.refused.values())


class _Run:
    def __init__(
        self,
        entry: OrderEntry,
        config: SimulatorConfig,
        participants: Participants,
        seed: int,
        symbols: frozenset[str] | None,
    ) -> None:
        self.entry = entry
        self.config = config
        self.participants = participants
        self.seed = seed
        self.symbols = symbols
        self.run_id = new_uuid().hex
        self.step = 0
        self.sent = 0
        self.placed = 0
        self.trades = 0
        self.cancelled = 0
        self.failed = 0
        self.refused: Counter[str] = Counter()
        self.states: dict[str, InstrumentState] = {}

    def _maker(self, rank: int) -> MarketMaker:
        """The ``rank``-th market maker of an instrument (0: the first) quotes ``rank + 1``
        times the configured spread, so the book has a level a side for each."""
        base = self.config.market_maker
        return replace(base, spread_bps=base.spread_bps * (rank + 1))

    def _key(self) -> str:
        self.sent += 1
        return f"market-simulator:{self.run_id}:{self.sent}"

    def _wanted(self, instrument: ListedInstrument) -> bool:
        return self.symbols is None or instrument.symbol in self.symbols

    def _trading(self, instrument: ListedInstrument) -> bool:
        return (
            self._wanted(instrument)
            and instrument.symbol in self.participants.desks
            and instrument.open_now
            and not instrument.halted
            and instrument.symbol not in self.config.halted
        )

    def _state(self, instrument: ListedInstrument) -> InstrumentState:
        state = self.states.get(instrument.symbol)
        if state is None:
            lookback = self.config.momentum_trader.lookback
            state = InstrumentState.start(instrument, self.seed, lookback)
            self.states[instrument.symbol] = state
        return state

    async def start(self) -> None:
        """Take over what an earlier run left resting: the market makers' quotes are adopted
        (stale, so replaced on the first tick), anyone else's orders cancelled."""
        listed = {i.symbol: i for i in await self.entry.instruments() if self._wanted(i)}
        makers = {u for d in self.participants.desks.values() for u in d.market_makers}
        for user in self.participants.everyone:
            for order in await self.entry.open_orders(user):
                instrument = listed.get(order.symbol)
                if instrument is None:
                    continue
                if user in makers:
                    quote = LiveQuote(
                        ref=str(order.order_id),
                        side=Side(order.side.value),
                        price=order.price,
                        placed_at=STALE,
                    )
                    self._state(instrument).quotes.setdefault(user, []).append(quote)
                elif await self.entry.cancel(user, order.order_id):
                    self.cancelled += 1

    async def tick(self) -> None:
        self.step += 1
        trading = [i for i in await self.entry.instruments() if self._trading(i)]
        if not trading:
            return
        holders = [
            user
            for instrument in trading
            for desk in (self.participants.desk(instrument.symbol),)
            for user in desk.market_makers + desk.momentum_traders
        ]
        held = await asyncio.gather(*(self.entry.holdings(u) for u in holders))
        holdings = dict(zip(holders, held, strict=True))
        await asyncio.gather(*(self._guarded(i, holdings) for i in trading))

    async def _guarded(
        self, instrument: ListedInstrument, holdings: dict[UserId, dict[str, Decimal]]
    ) -> None:
        """One instrument's step; an unexpected failure is logged and counted, and the other
        instruments and the next tick go on."""
        try:
            await self._trade(instrument, holdings)
        except Exception:
            log.exception("simulator step failed", extra={"symbol": instrument.symbol})
            self.failed += 1

    async def _trade(
        self, instrument: ListedInstrument, holdings: dict[UserId, dict[str, Decimal]]
    ) -> None:
        state = self._state(instrument)
        state.last = instrument.mark
        state.process.step()
        grid = PriceGrid(
            tick_size=instrument.tick_size,
            lot_size=instrument.lot_size,
            low=instrument.band_low,
            high=instrument.band_high,
            min_notional=instrument.min_notional,
        )
        state.fair = state.process.price(grid)
        state.prices.append(instrument.mark)
        try:
            top = await self.entry.top_of_book(instrument.symbol)
        except DomainError as refusal:
            self.refused[code_of(refusal)] += 1
            return
        view = MarketView(grid=grid, fair=state.fair, best_bid=top.best_bid, best_ask=top.best_ask)
        rng = state.agents_rng
        symbol = instrument.symbol
        zero = Decimal(0)
        # the instrument's agents decide on the same view in a fixed order (so a seed
        # repeats), then act one after the other, each its intents in order (a cancel before
        # its replacement): a market order never races the cancels of the quotes it aims at
        desk = self.participants.desk(symbol)
        decided: list[tuple[UserId, list[Intent]]] = []
        for rank, user in enumerate(desk.market_makers):
            quotes = list(state.quotes.setdefault(user, []))
            inventory = holdings[user].get(symbol, zero)
            maker = self._maker(rank)
            decided.append((user, maker.decide(view, inventory, quotes, self.step)))
        for user in desk.noise_traders:
            decided.append((user, self.config.noise_trader.decide(view, rng)))
        prices = list(state.prices)
        for user in desk.momentum_traders:
            inventory = holdings[user].get(symbol, zero)
            decided.append((user, self.config.momentum_trader.decide(view, prices, inventory, rng)))
        for user, intents in decided:
            await self._act(state, user, intents)

    async def _act(self, state: InstrumentState, user: UserId, intents: Sequence[Intent]) -> None:
        for intent in intents:
            if isinstance(intent, Withdraw):
                await self._withdraw(state, user, intent.ref)
            else:
                await self._order(state, user, intent)

    async def _withdraw(self, state: InstrumentState, user: UserId, ref: str) -> None:
        quotes = state.quotes.get(user, [])
        state.quotes[user] = [q for q in quotes if q.ref != ref]
        try:
            if await self.entry.cancel(user, UUID(ref)):
                self.cancelled += 1
        except DomainError as refusal:
            self.refused[code_of(refusal)] += 1
        except Exception as failure:  # trading logged it; the other orders go on
            self._failed(state, failure)

    def _failed(self, state: InstrumentState, failure: Exception) -> None:
        self.failed += 1
        log.warning(
            "simulator order failed",
            extra={"symbol": state.symbol, "failure": type(failure).__name__},
        )

    async def _order(self, state: InstrumentState, user: UserId, intent: Quote | Take) -> None:
        rests = isinstance(intent, Quote)
        ticket = OrderTicket(
            user_id=user,
            symbol=state.symbol,
            side=OrderSide(intent.side.value),
            quantity=intent.quantity,
            limit_price=intent.price if isinstance(intent, Quote) else intent.limit,
            rests=rests,
            key=self._key(),
        )
        try:
            answer = await self.entry.place(ticket)
        except DomainError as refusal:
            self.refused[code_of(refusal)] += 1
            return
        except Exception as failure:  # trading logged it; the other orders go on
            self._failed(state, failure)
            return
        self.placed += 1
        state.orders += 1
        if answer.filled_quantity > 0:
            self.trades += 1
            state.trades += 1
        if isinstance(intent, Quote) and answer.resting:
            quote = LiveQuote(
                ref=str(answer.order_id), side=intent.side, price=intent.price, placed_at=self.step
            )
            state.quotes.setdefault(user, []).append(quote)

    async def finish(self) -> None:
        """Cancel every quote still resting, so no stale simulator quote stays on a book."""

        async def clear(state: InstrumentState) -> None:
            for user, quotes in list(state.quotes.items()):
                for quote in list(quotes):
                    await self._withdraw(state, user, quote.ref)

        await asyncio.gather(*(clear(s) for s in self.states.values()))

    def summary(self) -> SimulationSummary:
        return SimulationSummary(
            ran=True,
            seed=self.seed,
            ticks=self.step,
            orders_placed=self.placed,
            trades=self.trades,
            cancelled=self.cancelled,
            failed=self.failed,
            refused=dict(self.refused),
            symbols=tuple(
                SymbolSummary(
                    symbol=s.symbol,
                    last_price=s.last,
                    fair_value=s.fair,
                    orders=s.orders,
                    trades=s.trades,
                )
                for s in sorted(self.states.values(), key=lambda s: s.symbol)
            ),
        )


class RunMarketSimulationHandler:
    def __init__(
        self,
        entry: OrderEntry,
        lock: SimulatorLock,
        heartbeats: Heartbeats,
        config: SimulatorConfig,
    ) -> None:
        self._entry = entry
        self._lock = lock
        self._heartbeats = heartbeats
        self._config = config

    async def execute(self, cmd: RunMarketSimulation) -> SimulationSummary:
        seed = cmd.seed if cmd.seed is not None else self._config.seed
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        held = await self._lock.try_acquire()
        if held is None:
            return SimulationSummary(ran=False, seed=seed)
        run = _Run(self._entry, self._config, cmd.participants, seed, cmd.symbols)
        stop = cmd.stop or asyncio.Event()
        interval = cmd.interval_seconds or self._config.interval_seconds
        loop = asyncio.get_running_loop()
        ends = None if cmd.duration_seconds is None else loop.time() + cmd.duration_seconds
        try:
            await run.start()
            while not stop.is_set() and (ends is None or loop.time() < ends):
                if cmd.ticks is not None and run.step >= cmd.ticks:
                    break
                began = loop.time()
                await run.tick()
                await self._beat()
                pause = interval - (loop.time() - began)
                if ends is not None:
                    pause = min(pause, ends - loop.time())
                if pause > 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), timeout=pause)
            with contextlib.suppress(TimeoutError):  # what is left, the next run takes over
                await asyncio.wait_for(run.finish(), timeout=FINISH_SECONDS)
        finally:
            await held.release()
        return run.summary()

    async def _beat(self) -> None:
        try:
            await self._heartbeats.beat(HEARTBEAT)
        except Exception:  # a heartbeat lost to a cache outage is no reason to stop
            return
