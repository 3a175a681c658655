"""What the book says happened. Every command answers a list of these, in the order they
happened; replaying the same commands on an empty book gives the same events.

Order ids are the caller's ``int`` sequence numbers (increasing per instrument: the order of
arrival); owners are whatever the caller compares for self-trade prevention."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum

from domain.trading.terms import Side


class RejectReason(StrEnum):
    POST_ONLY_WOULD_TAKE = "post_only_would_take"
    NO_LIQUIDITY = "no_liquidity"  # a market order with the opposite side empty
    DUPLICATE_ORDER_ID = "duplicate_order_id"
    UNKNOWN_ORDER = "unknown_order"  # cancel, amend or expire of an order not on the book
    INVALID_AMENDMENT = "invalid_amendment"  # nothing changed, or a quantity below what filled


class CancelReason(StrEnum):
    REQUESTED = "requested"  # the owner's cancel
    UNFILLED_REMAINDER = "unfilled_remainder"  # IOC / market remainder after matching
    SELF_TRADE = "self_trade"  # self-trade prevention
    KILLED = "killed"  # a FOK that could not fill entirely


@dataclass(slots=True, frozen=True)
class Accepted:
    order_id: int


@dataclass(slots=True, frozen=True)
class Rejected:
    order_id: int
    reason: RejectReason


@dataclass(slots=True, frozen=True)
class Trade:
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


@dataclass(slots=True, frozen=True)
class Cancelled:
    order_id: int
    remaining: int  # the quantity that will now never fill
    reason: CancelReason


@dataclass(slots=True, frozen=True)
class Expired:
    order_id: int
    remaining: int


@dataclass(slots=True, frozen=True)
class Amended:
    order_id: int
    price: int
    quantity: int  # the order's new open quantity
    kept_priority: bool


Event = Accepted | Rejected | Trade | Cancelled | Expired | Amended
