"""The matching engine on random order streams (several owners, every time in force,
post-only, every self-trade prevention mode, cancels, amends, expiries):

- the book is never crossed after a command;
- quantity is conserved: what the events say is open for each order is what the book holds;
- price-time priority: each order met by an incoming order is the best-priced, oldest one left;
- replaying a stream gives the same events and the same book;
- a deliberately simple reference matcher (one list, scans and sorts) gives the same events."""

from __future__ import annotations

import random
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.trading.matching.book import OrderBook
from domain.trading.matching.events import (
    Accepted,
    Amended,
    Cancelled,
    CancelReason,
    Decremented,
    Event,
    Expired,
    Rejected,
    RejectReason,
    Trade,
)
from domain.trading.terms import SelfTradePrevention, Side, TimeInForce

Command = tuple[Any, ...]

places = st.tuples(
    st.just("place"),
    st.sampled_from(["ann", "bob", "cy"]),
    st.sampled_from(list(Side)),
    st.integers(1, 6),  # quantity
    st.one_of(*[st.integers(96, 104)] * 7, st.none()),  # price; None: market with no collar
    st.sampled_from([*TimeInForce, TimeInForce.GTC, TimeInForce.DAY, TimeInForce.GTD]),
    st.sampled_from([False, False, False, True]),  # post-only
    st.sampled_from(list(SelfTradePrevention)),
    st.sampled_from([False, False, False, True]),  # market with a collar
)
# The order that rested this many places ago: often still resting, sometimes gone.
targets = st.integers(1, 5)
cancels = st.tuples(st.just("cancel"), targets)
amends = st.tuples(
    st.just("amend"),
    targets,
    st.one_of(st.none(), st.integers(0, 7)),
    st.one_of(st.none(), st.integers(96, 104)),
)
expiries = st.tuples(st.just("expire"), targets)
# Six places for two amends, a cancel and an expiry.
commands = st.integers(0, 9).flatmap(
    lambda k: places if k < 6 else amends if k < 8 else cancels if k < 9 else expiries
)
streams = st.lists(commands, min_size=20, max_size=80)


def run(book: Any, command: Command, order_id: int, placed: list[int]) -> list[Event]:
    """One command on the book (ours or the reference: same methods). ``placed``: the ids
    of the orders that rested when placed; a cancel, amend or expire names one by how many
    ago (it may have gone since: then the command is refused)."""
    target = placed[-command[1]] if command[0] != "place" and len(placed) >= command[1] else 0
    match command:
        case ("place", owner, side, quantity, price, tif, post_only, stp, market):
            if price is None and tif.rests:
                tif = TimeInForce.IOC
            market = market and not tif.rests
            if price is not None:  # buys mostly below sells, so that some orders rest
                price += -2 if side is Side.BUY else 2
            events: list[Event] = book.place(
                order_id,
                owner,
                side,
                quantity,
                price,
                tif,
                post_only=post_only,
                self_trade=stp,
                market=market,
            )
            if order_id in book:
                placed.append(order_id)
            return events
        case ("cancel", _):
            return book.cancel(target)  # type: ignore[no-any-return]
        case ("amend", _, quantity, price):
            return book.amend(target, quantity=quantity, price=price)  # type: ignore[no-any-return]
        case ("expire", _):
            return book.expire(target)  # type: ignore[no-any-return]
    raise AssertionError(command)


def replay(book: Any, stream: list[Command]) -> list[list[Event]]:
    placed: list[int] = []
    return [run(book, command, n + 1, placed) for n, command in enumerate(stream)]


# The reference: every resting order in one list, sorted and scanned on each command.
@dataclass
class RefOrder:
    id: int
    owner: Hashable
    side: Side
    price: int
    open: int
    tif: TimeInForce
    post_only: bool
    stp: SelfTradePrevention
    seq: int


class ReferenceBook:
    def __init__(self) -> None:
        self.orders: list[RefOrder] = []
        self.seq = 0

    def _find(self, order_id: int) -> RefOrder | None:
        return next((o for o in self.orders if o.id == order_id), None)

    def __contains__(self, order_id: int) -> bool:
        return self._find(order_id) is not None

    def _queue(self, side: Side) -> list[RefOrder]:
        """The resting orders of a side, in priority order."""
        sign = -1 if side is Side.BUY else 1
        mine = [o for o in self.orders if o.side is side]
        return sorted(mine, key=lambda o: (sign * o.price, o.seq))

    @staticmethod
    def _crosses(side: Side, limit: int | None, maker: RefOrder) -> bool:
        if limit is None:
            return True
        return maker.price <= limit if side is Side.BUY else maker.price >= limit

    def _rest(self, order: RefOrder) -> None:
        self.seq += 1
        order.seq = self.seq
        self.orders.append(order)

    def _match(self, taker: RefOrder, limit: int | None, events: list[Event]) -> bool:
        for maker in self._queue(taker.side.opposite):
            if not taker.open:
                break
            if not self._crosses(taker.side, limit, maker):
                break
            if maker.owner == taker.owner:
                stp = taker.stp
                if stp is SelfTradePrevention.CANCEL_NEWEST:
                    events.append(Cancelled(taker.id, taker.open, CancelReason.SELF_TRADE))
                    return False
                if stp is SelfTradePrevention.CANCEL_OLDEST:
                    events.append(Cancelled(maker.id, maker.open, CancelReason.SELF_TRADE))
                    self.orders.remove(maker)
                    continue
                if stp is SelfTradePrevention.CANCEL_BOTH:
                    events.append(Cancelled(maker.id, maker.open, CancelReason.SELF_TRADE))
                    self.orders.remove(maker)
                    events.append(Cancelled(taker.id, taker.open, CancelReason.SELF_TRADE))
                    return False
                cut = min(maker.open, taker.open)
                maker.open -= cut
                taker.open -= cut
                if maker.open:
                    events.append(Decremented(maker.id, cut, maker.open))
                else:
                    events.append(Cancelled(maker.id, cut, CancelReason.SELF_TRADE))
                    self.orders.remove(maker)
                if not taker.open:
                    events.append(Cancelled(taker.id, cut, CancelReason.SELF_TRADE))
                    return False
                events.append(Decremented(taker.id, cut, taker.open))
                continue
            quantity = min(maker.open, taker.open)
            maker.open -= quantity
            taker.open -= quantity
            events.append(
                Trade(
                    taker.id,
                    maker.id,
                    taker.owner,
                    maker.owner,
                    taker.side,
                    maker.price,
                    quantity,
                    taker.open,
                    maker.open,
                )
            )
            if not maker.open:
                self.orders.remove(maker)
        return True

    def _fillable(self, taker: RefOrder, limit: int | None) -> bool:
        need = taker.open
        for maker in self._queue(taker.side.opposite):
            if not self._crosses(taker.side, limit, maker):
                break
            if maker.owner == taker.owner:
                if taker.stp is SelfTradePrevention.CANCEL_OLDEST:
                    continue
                break
            need -= maker.open
            if need <= 0:
                return True
        return False

    def place(
        self,
        order_id: int,
        owner: Hashable,
        side: Side,
        quantity: int,
        price: int | None,
        time_in_force: TimeInForce = TimeInForce.GTC,
        *,
        post_only: bool = False,
        self_trade: SelfTradePrevention = SelfTradePrevention.CANCEL_NEWEST,
        market: bool = False,
    ) -> list[Event]:
        if self._find(order_id):
            return [Rejected(order_id, RejectReason.DUPLICATE_ORDER_ID)]
        rests = time_in_force.rests
        if (
            quantity <= 0
            or (price is None and (rests or post_only))
            or (post_only and not rests)
            or (market and rests)
        ):
            return [Rejected(order_id, RejectReason.INVALID_ORDER)]
        opposite = self._queue(side.opposite)
        if not opposite and (price is None or market):
            return [Rejected(order_id, RejectReason.NO_LIQUIDITY)]
        crosses = any(self._crosses(side, price, o) for o in opposite)
        if post_only and crosses:
            return [Rejected(order_id, RejectReason.POST_ONLY_WOULD_TAKE)]
        order = RefOrder(
            order_id, owner, side, price or 0, quantity, time_in_force, post_only, self_trade, 0
        )
        events: list[Event] = [Accepted(order_id)]
        if time_in_force is TimeInForce.FOK and not self._fillable(order, price):
            return [*events, Cancelled(order_id, quantity, CancelReason.KILLED)]
        if not self._match(order, price, events) or not order.open:
            return events
        if rests:
            self._rest(order)
        else:
            events.append(Cancelled(order_id, order.open, CancelReason.UNFILLED_REMAINDER))
        return events

    def cancel(self, order_id: int) -> list[Event]:
        order = self._find(order_id)
        if order is None:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        self.orders.remove(order)
        return [Cancelled(order_id, order.open, CancelReason.REQUESTED)]

    def amend(
        self, order_id: int, *, quantity: int | None = None, price: int | None = None
    ) -> list[Event]:
        order = self._find(order_id)
        if order is None:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        new_open = order.open if quantity is None else quantity
        new_price = order.price if price is None else price
        if new_open <= 0 or (new_open == order.open and new_price == order.price):
            return [Rejected(order_id, RejectReason.INVALID_AMENDMENT)]
        if new_price == order.price and new_open < order.open:
            order.open = new_open
            return [Amended(order_id, new_price, new_open, True)]
        opposite = self._queue(order.side.opposite)
        crosses = any(self._crosses(order.side, new_price, o) for o in opposite)
        if crosses and order.post_only:
            return [Rejected(order_id, RejectReason.POST_ONLY_WOULD_TAKE)]
        self.orders.remove(order)
        order.price, order.open = new_price, new_open
        events: list[Event] = [Amended(order_id, new_price, new_open, False)]
        if self._match(order, new_price, events) and order.open:
            self._rest(order)
        return events

    def expire(self, order_id: int) -> list[Event]:
        order = self._find(order_id)
        if order is None:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        if order.tif is TimeInForce.GTC:
            return [Rejected(order_id, RejectReason.NOT_EXPIRABLE)]
        self.orders.remove(order)
        return [Expired(order_id, order.open)]

    def resting(self) -> list[tuple[int, Hashable, Side, int, int]]:
        return [
            (o.id, o.owner, o.side, o.price, o.open) for side in Side for o in self._queue(side)
        ]


def check_priority(
    before: list[tuple[int, Hashable, Side, int, int]], command: Command, events: list[Event]
) -> None:
    """Every resting order an incoming order meets (trade, or self-trade prevention) is the
    first of the opposite side in priority order, among those still open."""
    queue: dict[Side, list[list[Any]]] = {
        Side.BUY: [list(r) for r in before if r[2] is Side.BUY],
        Side.SELL: [list(r) for r in before if r[2] is Side.SELL],
    }
    taker: int | None = None
    for event in events:
        if isinstance(event, Accepted | Amended):
            taker = event.order_id
        maker_id = None
        if isinstance(event, Trade):
            maker_id, taken = event.maker_id, event.quantity
        elif isinstance(event, Decremented) and event.order_id != taker:
            maker_id, taken = event.order_id, event.quantity
        elif (
            isinstance(event, Cancelled)
            and event.reason is CancelReason.SELF_TRADE
            and event.order_id != taker
        ):
            maker_id, taken = event.order_id, event.remaining
        if maker_id is None:
            continue
        side = next(s for s in Side if any(r[0] == maker_id for r in queue[s]))
        head = queue[side][0]
        assert head[0] == maker_id, (command, events)
        if isinstance(event, Trade):
            assert event.price == head[3]
        head[4] -= taken
        if head[4] == 0:
            queue[side].pop(0)


def open_quantities(stream: list[Command], answers: list[list[Event]]) -> dict[int, int]:
    """What the events say is still open of each order that was ever accepted."""
    open_: dict[int, int] = {}
    for n, (command, events) in enumerate(zip(stream, answers, strict=True)):
        for event in events:
            match event:
                case Accepted(order_id):
                    assert order_id == n + 1
                    open_[order_id] = command[3]
                case Trade(taker_id=taker, maker_id=maker, quantity=q):
                    open_[taker] -= q
                    open_[maker] -= q
                    assert open_[taker] == event.taker_remaining
                    assert open_[maker] == event.maker_remaining
                case Decremented(order_id, quantity, remaining):
                    open_[order_id] -= quantity
                    assert open_[order_id] == remaining
                case Cancelled(order_id, remaining, _) | Expired(order_id, remaining):
                    assert open_[order_id] == remaining
                    open_[order_id] = 0
                case Amended(order_id, _, quantity, _):
                    open_[order_id] = quantity
    return open_


@settings(max_examples=400, deadline=None)
@given(streams)
def test_the_book_never_crosses_conserves_quantity_and_respects_priority(
    stream: list[Command],
) -> None:
    book = OrderBook()
    answers = []
    placed: list[int] = []
    for n, command in enumerate(stream):
        before = book.resting()
        events = run(book, command, n + 1, placed)
        answers.append(events)
        bid, ask = book.best(Side.BUY), book.best(Side.SELL)
        assert bid is None or ask is None or bid < ask
        check_priority(before, command, events)
        expected = open_quantities(stream[: n + 1], answers)
        resting = {r[0]: r[4] for r in book.resting()}
        assert resting == {i: q for i, q in expected.items() if q}
        assert all(q >= 0 for q in expected.values())
        assert len(book) == len(resting)
        assert all(i in book for i in resting)


@settings(max_examples=200, deadline=None)
@given(streams)
def test_replaying_a_stream_gives_the_same_events_and_book(stream: list[Command]) -> None:
    first, second = OrderBook(), OrderBook()
    assert replay(first, stream) == replay(second, stream)
    assert first.resting() == second.resting()
    for side in Side:
        assert first.depth(side, 100) == second.depth(side, 100)


@settings(max_examples=400, deadline=None)
@given(streams)
def test_the_engine_agrees_with_a_simple_reference_matcher(stream: list[Command]) -> None:
    book, reference = OrderBook(), ReferenceBook()
    placed: list[int] = []
    for n, command in enumerate(stream):
        ours = run(book, command, n + 1, placed)
        if command[0] == "place" and n + 1 in book:
            placed.pop()
        assert ours == run(reference, command, n + 1, placed), (n, command)
        assert book.resting() == reference.resting()


@pytest.mark.parametrize("seed", range(3))
def test_long_runs_of_price_moves_over_a_wide_band_agree_with_the_reference(seed: int) -> None:
    """Thousands of price moves, the busiest command of a live book, on few orders spread
    over a band of 2,000 ticks with gaps: the book's best prices, its events and its resting
    orders stay those of the reference matcher (the book's own record of which prices have a
    level is rebuilt many times over such a run)."""
    rng = random.Random(seed)
    book, reference = OrderBook(), ReferenceBook()
    live: list[int] = []
    for order_id in range(1, 3001):
        if len(live) < 30 or rng.random() < 0.1:
            side = rng.choice(list(Side))
            price = 1_000 + rng.randint(1, 1_000) * (-1 if side is Side.BUY else 1)
            args = (order_id, rng.choice("ab"), side, rng.randint(1, 9), price)
            answers = book.place(*args), reference.place(*args)
        else:
            target = rng.choice(live)
            price = 1_000 + rng.randint(-1_000, 1_000) if rng.random() < 0.05 else None
            if price is None:  # mostly a short step from where it is
                price = max(1, next(o[3] for o in book.resting() if o[0] == target))
                price += rng.randint(-30, 30) or 1
            answers = book.amend(target, price=price), reference.amend(target, price=price)
        assert answers[0] == answers[1], (order_id, answers)
        live = [o[0] for o in reference.resting()]
        for side in Side:
            prices = [o[3] for o in reference.resting() if o[2] is side]
            assert book.best(side) == (prices[0] if prices else None)
    assert book.resting() == reference.resting()
