"""What the book says happened. Every command answers a list of these, in the order they
happened; replaying the same commands on an empty book gives the same events.

Order ids are the caller's ``int`` sequence numbers (increasing per instrument: the order of
arrival); owners are whatever the caller compares for self-trade prevention.

Events are immutable named tuples (not dataclasses: building one costs a third of a frozen
dataclass, and the book builds one or more per command). Read them by field name;
``event._asdict()`` gives a dict of the fields for a journal. Compare them only with each
other (an event equals a plain tuple of its fields; no two event types can have equal fields).

A ``Trade`` is also the partially-filled / filled event of both of its orders: its
``taker_remaining`` and ``maker_remaining`` say what is left open of each (0 = that order is
filled and off the book); there is no separate "filled" event."""

from __future__ import annotations

from collections.abc import Hashable
from enum import StrEnum
from typing import NamedTuple

from domain.trading.terms import Side


class RejectReason(StrEnum):
    POST_ONLY_WOULD_TAKE = "post_only_would_take"
    NO_LIQUIDITY = "no_liquidity"  # a market order with the opposite side empty
    DUPLICATE_ORDER_ID = "duplicate_order_id"
    UNKNOWN_ORDER = "unknown_order"  # cancel, amend or expire of an order not on the book
    INVALID_AMENDMENT = "invalid_amendment"  # nothing changed, or a quantity below what filled
    # Added by the engine:
    INVALID_ORDER = "invalid_order"  # quantity <= 0, no price on a resting or post-only order,
    # post-only with IOC/FOK (it could neither take nor rest)
    NOT_EXPIRABLE = "not_expirable"  # expire of a GTC order: only DAY and GTD orders expire


class CancelReason(StrEnum):
    REQUESTED = "requested"  # the owner's cancel
    UNFILLED_REMAINDER = "unfilled_remainder"  # IOC / market remainder after matching
    SELF_TRADE = "self_trade"  # self-trade prevention
    KILLED = "killed"  # a FOK that could not fill entirely


class Accepted(NamedTuple):
    order_id: int


class Rejected(NamedTuple):
    order_id: int
    reason: RejectReason


class Trade(NamedTuple):
    """A fill, at the resting (maker) order's price. ``*_remaining``: what is left of each
    order after this trade (0 = that order is filled)."""

    taker_id: int
    maker_id: int
    taker_owner: Hashable
    maker_owner: Hashable
    taker_side: Side
    price: int
    quantity: int
    taker_remaining: int
    maker_remaining: int


class Cancelled(NamedTuple):
    order_id: int
    remaining: int  # the quantity that will now never fill
    reason: CancelReason


class Expired(NamedTuple):
    order_id: int
    remaining: int


class Amended(NamedTuple):
    order_id: int
    price: int
    quantity: int  # the order's new open quantity
    kept_priority: bool


class Decremented(NamedTuple):
    """Self-trade prevention ``decrement``: ``quantity`` taken off the order with no trade,
    ``remaining`` still open (> 0; an order decremented to zero gets ``Cancelled(self_trade)``
    with the quantity it lost instead)."""

    order_id: int
    quantity: int
    remaining: int


Event = Accepted | Rejected | Trade | Cancelled | Expired | Amended | Decremented
