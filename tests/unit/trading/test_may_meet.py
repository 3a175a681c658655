"""``OrderBook.may_meet``, what a matcher batch locks before it runs, on random books and
random batches (every time in force, self-trade prevention mode, market orders, amends,
cancels and expiries of resting orders): everyone party to a trade or a self-trade cancel
while the batch runs was named before it ran, and nobody is named when nothing trades."""

from __future__ import annotations

from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.trading.matching.book import OrderBook
from domain.trading.matching.events import Cancelled, CancelReason, Decremented, Trade
from domain.trading.terms import Side, TimeInForce
from tests.unit.trading.test_matching_properties import Command, commands, run, streams

Incoming = tuple[Hashable, Side, int | None, int]


def _incoming(
    book: OrderBook, batch: list[Command], placed: list[int]
) -> tuple[list[Incoming], set[int]]:
    """What the matcher knows of a batch before it runs: each new order and each amendment
    (owner, side, limit, lots), and the resting orders it cancels, amends or expires."""
    resting = {order_id: rest for order_id, *rest in book.resting()}
    incoming: list[Incoming] = []
    changing: set[int] = set()
    for command in batch:
        if command[0] == "place":
            _, owner, side, quantity, price, *_ = command
            if price is not None:  # as ``run`` places it
                price += -2 if side is Side.BUY else 2
            incoming.append((owner, side, price, quantity))
            continue
        target = placed[-command[1]] if len(placed) >= command[1] else 0
        if target not in resting:
            continue
        changing.add(target)
        if command[0] == "amend":
            owner, side, price, open_lots = resting[target]
            _, _, quantity, new_price = command
            lots = open_lots if quantity is None else quantity
            incoming.append((owner, side, price if new_price is None else new_price, lots))
    return incoming, changing


@settings(max_examples=300, deadline=None)
@given(streams, st.lists(commands, min_size=1, max_size=12))
def test_everyone_a_batch_trades_with_was_named_before_it_ran(
    stream: list[Command], batch: list[Command]
) -> None:
    book = OrderBook()
    placed: list[int] = []
    owner_of: dict[int, Hashable] = {}
    for n, command in enumerate(stream, start=1):
        if command[0] == "place":
            owner_of[n] = command[1]
        run(book, command, n, placed)
    first = len(stream) + 1
    incoming, changing = _incoming(book, batch, placed)
    named = book.may_meet(incoming, changing=changing)

    parties: set[Hashable] = set()
    traded = False
    for n, command in enumerate(batch, start=first):
        if command[0] == "place":
            owner_of[n] = command[1]
        # targets as the batch saw them: the orders resting before it
        for event in run(book, command, n, list(placed)):
            if isinstance(event, Trade):
                traded = True
                parties |= {event.taker_owner, event.maker_owner}
            elif isinstance(event, Decremented) or (
                isinstance(event, Cancelled) and event.reason is CancelReason.SELF_TRADE
            ):
                parties.add(owner_of[event.order_id])
    assert parties <= named, (parties - named, incoming, changing)
    if not named:
        assert not traded


def test_a_batch_that_cannot_cross_names_nobody_and_one_that_can_names_only_whom_it_reaches() -> (
    None
):
    book = OrderBook()
    for order_id, owner, price in ((1, "ann", 101), (2, "bob", 102), (3, "cy", 103)):
        book.place(order_id, owner, Side.SELL, 5, price, TimeInForce.GTC)
    book.place(4, "dee", Side.BUY, 5, 99, TimeInForce.GTC)
    assert book.may_meet([("eve", Side.BUY, 100, 50), ("fay", Side.SELL, 104, 1)]) == set()
    # 7 lots up to 103: ann's 5 and 2 of bob's; cy is never reached
    assert book.may_meet([("eve", Side.BUY, 103, 7)]) == {"eve", "ann", "bob"}
    # ann cancelling her order: it may be gone, so the walk goes on to cy
    assert book.may_meet([("eve", Side.BUY, 103, 7)], changing={1}) == {"eve", "ann", "bob", "cy"}
    # ann's own order does not count: cancel_oldest would cancel it and go on to bob's
    assert book.may_meet([("ann", Side.BUY, 102, 5)]) == {"ann", "bob"}
    # the batch's own orders crossing each other
    assert book.may_meet([("eve", Side.BUY, 100, 1), ("fay", Side.SELL, 100, 1)]) == {"eve", "fay"}
