"""An order's status from its time in force and what happened to it: one table, the way
exchange specifications publish it (after Vega's order-status spec, 0024-OSTA), written out
in docs/trading.md ("Order states") and tested row by row.

The inputs are what the engine's events say: how much filled (``Fill``) and how the order
ended, if it has (``Ending``). ``STATUS`` is the table itself; ``order_status`` looks a row up
and refuses a combination that cannot happen (a FOK that filled partly, a GTC that expired,
an order that filled entirely and then was cancelled...)."""

from __future__ import annotations

from enum import StrEnum

from domain.trading.terms import OrderStatus, TimeInForce


class Fill(StrEnum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class Ending(StrEnum):
    """How an order stopped working, or that it has not."""

    WORKING = "working"  # still resting on the book (or, filled entirely, simply done)
    CANCELLED = "cancelled"  # by its owner (``Cancelled(requested)``)
    EXPIRED = "expired"  # a DAY or GTD order whose time came (``Expired``)
    STOPPED = "stopped"  # by the system: an IOC/FOK/market remainder, a killed FOK,
    # self-trade prevention (``Cancelled`` with any reason but ``requested``)
    REJECTED = "rejected"  # refused at entry, never on the book (``Rejected`` of a place)


_ACCEPTED = OrderStatus.ACCEPTED
_PARTIAL = OrderStatus.PARTIALLY_FILLED
_FILLED = OrderStatus.FILLED
_CANCELLED = OrderStatus.CANCELLED
_EXPIRED = OrderStatus.EXPIRED
_REJECTED = OrderStatus.REJECTED
_STOPPED = OrderStatus.STOPPED

_RESTING_ROWS: dict[tuple[Fill, Ending], OrderStatus] = {
    (Fill.NONE, Ending.WORKING): _ACCEPTED,
    (Fill.PARTIAL, Ending.WORKING): _PARTIAL,
    (Fill.FULL, Ending.WORKING): _FILLED,
    (Fill.NONE, Ending.CANCELLED): _CANCELLED,
    (Fill.PARTIAL, Ending.CANCELLED): _CANCELLED,
    (Fill.NONE, Ending.STOPPED): _STOPPED,
    (Fill.PARTIAL, Ending.STOPPED): _STOPPED,
    (Fill.NONE, Ending.REJECTED): _REJECTED,
}
_EXPIRING_ROWS = {
    **_RESTING_ROWS,
    (Fill.NONE, Ending.EXPIRED): _EXPIRED,
    (Fill.PARTIAL, Ending.EXPIRED): _EXPIRED,
}

STATUS: dict[TimeInForce, dict[tuple[Fill, Ending], OrderStatus]] = {
    TimeInForce.FOK: {
        (Fill.NONE, Ending.STOPPED): _STOPPED,
        (Fill.FULL, Ending.WORKING): _FILLED,
        (Fill.NONE, Ending.REJECTED): _REJECTED,
    },
    # IOC, and a market order (an IOC with a collar, or with none).
    TimeInForce.IOC: {
        (Fill.NONE, Ending.STOPPED): _STOPPED,
        (Fill.PARTIAL, Ending.STOPPED): _PARTIAL,
        (Fill.FULL, Ending.WORKING): _FILLED,
        (Fill.NONE, Ending.REJECTED): _REJECTED,
    },
    TimeInForce.GTC: _RESTING_ROWS,
    TimeInForce.DAY: _EXPIRING_ROWS,
    TimeInForce.GTD: _EXPIRING_ROWS,
}


class ImpossibleOutcome(ValueError):
    """A time in force and outcome that no order can reach (the table has no such row)."""


def order_status(time_in_force: TimeInForce, fill: Fill, ending: Ending) -> OrderStatus:
    """The status of an order with this time in force, this much filled, ended this way."""
    try:
        return STATUS[time_in_force][fill, ending]
    except KeyError:
        raise ImpossibleOutcome(f"{time_in_force} {fill} {ending}") from None
