"""An order's status from its time in force and what happened to it: one table, the way
exchange specifications publish it (after Vega's order-status spec, 0024-OSTA), written out
in docs/trading.md ("Order states") and tested row by row.

The inputs are what the engine's events say: how much filled (``Fill``) and what ended the
order, if anything did (``EndedBy``). ``STATUS`` is the table itself; ``order_status`` looks
a row up and refuses a combination that cannot happen (a FOK that filled partly, a GTC that
expired, an order that filled entirely and then was cancelled...)."""

from __future__ import annotations

from enum import StrEnum

from domain.trading.terms import OrderStatus, TimeInForce


class Fill(StrEnum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class EndedBy(StrEnum):
    """What ended the order, if anything did."""

    NOTHING = "nothing"  # it still rests on the book, or it filled entirely
    OWNER = "owner"  # its owner cancelled it (``Cancelled(requested)``)
    EXPIRY = "expiry"  # a DAY or GTD order whose time came (``Expired``)
    SYSTEM = "system"  # an IOC/FOK/market remainder, a killed FOK, self-trade prevention
    # (``Cancelled`` with any reason but ``requested``)
    REJECTION = "rejection"  # refused at entry, never on the book (``Rejected`` of a place)


_ACCEPTED = OrderStatus.ACCEPTED
_PARTIAL = OrderStatus.PARTIALLY_FILLED
_FILLED = OrderStatus.FILLED
_CANCELLED = OrderStatus.CANCELLED
_EXPIRED = OrderStatus.EXPIRED
_REJECTED = OrderStatus.REJECTED
_STOPPED = OrderStatus.STOPPED

_RESTING_ROWS: dict[tuple[Fill, EndedBy], OrderStatus] = {
    (Fill.NONE, EndedBy.NOTHING): _ACCEPTED,
    (Fill.PARTIAL, EndedBy.NOTHING): _PARTIAL,
    (Fill.FULL, EndedBy.NOTHING): _FILLED,
    (Fill.NONE, EndedBy.OWNER): _CANCELLED,
    (Fill.PARTIAL, EndedBy.OWNER): _CANCELLED,
    (Fill.NONE, EndedBy.SYSTEM): _STOPPED,
    (Fill.PARTIAL, EndedBy.SYSTEM): _STOPPED,
    (Fill.NONE, EndedBy.REJECTION): _REJECTED,
}
_EXPIRING_ROWS = {
    **_RESTING_ROWS,
    (Fill.NONE, EndedBy.EXPIRY): _EXPIRED,
    (Fill.PARTIAL, EndedBy.EXPIRY): _EXPIRED,
}

STATUS: dict[TimeInForce, dict[tuple[Fill, EndedBy], OrderStatus]] = {
    TimeInForce.FOK: {
        (Fill.NONE, EndedBy.SYSTEM): _STOPPED,
        (Fill.FULL, EndedBy.NOTHING): _FILLED,
        (Fill.NONE, EndedBy.REJECTION): _REJECTED,
    },
    # IOC, and a market order (an IOC with a collar, or with none).
    TimeInForce.IOC: {
        (Fill.NONE, EndedBy.SYSTEM): _STOPPED,
        (Fill.PARTIAL, EndedBy.SYSTEM): _PARTIAL,
        (Fill.FULL, EndedBy.NOTHING): _FILLED,
        (Fill.NONE, EndedBy.REJECTION): _REJECTED,
    },
    TimeInForce.GTC: _RESTING_ROWS,
    TimeInForce.DAY: _EXPIRING_ROWS,
    TimeInForce.GTD: _EXPIRING_ROWS,
}


class ImpossibleOutcome(ValueError):
    """A time in force and outcome that no order can reach (the table has no such row)."""


def order_status(time_in_force: TimeInForce, fill: Fill, ended_by: EndedBy) -> OrderStatus:
    """The status of an order with this time in force, this much filled, ended by this."""
    try:
        return STATUS[time_in_force][fill, ended_by]
    except KeyError:
        raise ImpossibleOutcome(f"{time_in_force} {fill} {ended_by}") from None
