"""One instrument's order book: bids best (highest) first, asks best (lowest) first, each
price level first in, first out. Single writer: whoever owns the instrument calls it.

CONTRACT (the bodies are being written; the signatures and meanings below are fixed).
"""

from __future__ import annotations

from collections.abc import Hashable

from domain.trading.matching.events import Event
from domain.trading.terms import SelfTradePrevention, Side, TimeInForce


class OrderBook:
    def __init__(self) -> None:
        raise NotImplementedError

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
    ) -> list[Event]:
        """A new order. ``price`` in ticks; ``None`` is a market order, which must come with
        time in force IOC and matches at any price (the caller turns a market order with a
        collar into an IOC limit at the collar price and passes that price instead; ``None``
        is for a market order with no collar). ``quantity`` in lots, > 0.

        Answers ``Accepted`` first (or only ``Rejected``), then the trades in the order they
        happened, each at the resting order's price, then for an order that does not rest,
        a ``Cancelled`` for what remains (IOC/market: ``unfilled_remainder``; FOK that cannot
        fill entirely: ``killed`` with no trade at all). Post-only that would take is rejected.
        A market order against an empty opposite side is rejected (``no_liquidity``)."""
        raise NotImplementedError

    def cancel(self, order_id: int) -> list[Event]:
        """``Cancelled(requested)`` of a resting order, or ``Rejected(unknown_order)``."""
        raise NotImplementedError

    def amend(
        self, order_id: int, *, quantity: int | None = None, price: int | None = None
    ) -> list[Event]:
        """``quantity`` is the new *open* quantity. A reduction at the same price keeps the
        order's place in the queue; a price change or an increase moves it to the back of its
        (new) level, and a new price that crosses matches at once like a new order (``Amended``
        first, then the trades). Invalid (no change, quantity <= 0) or unknown: ``Rejected``."""
        raise NotImplementedError

    def expire(self, order_id: int) -> list[Event]:
        """``Expired`` of a resting DAY or GTD order whose time has come (the caller knows the
        clock), or ``Rejected(unknown_order)``."""
        raise NotImplementedError

    # Reads (for the API's depth view, the rebuild check and the tests).
    def depth(self, side: Side, levels: int) -> list[tuple[int, int, int]]:
        """The best ``levels`` price levels of a side as (price, total quantity, orders)."""
        raise NotImplementedError

    def best(self, side: Side) -> int | None:
        raise NotImplementedError

    def resting(self) -> list[tuple[int, Hashable, Side, int, int]]:
        """Every resting order as (order_id, owner, side, price, open quantity) in priority
        order: bids best first then asks best first, each level oldest first."""
        raise NotImplementedError

    def __contains__(self, order_id: int) -> bool:
        raise NotImplementedError
