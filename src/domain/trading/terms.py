"""The words of an order: its side, type, time in force, self-trade prevention and status.

Values are the API's wire values (lower snake case) and what the database stores."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    BUY = "buy"
    SELL = "sell"

    @property
    def opposite(self) -> Side:
        return Side.SELL if self is Side.BUY else Side.BUY


class OrderType(StrEnum):
    LIMIT = "limit"
    MARKET = "market"  # an IOC with a price collar, refused when the opposite side is empty


class TimeInForce(StrEnum):
    GTC = "gtc"  # good till cancelled
    DAY = "day"  # expires at the end of the instrument's trading session
    IOC = "ioc"  # immediate or cancel: what does not fill at once is cancelled
    FOK = "fok"  # fill or kill: fills entirely at once or not at all
    GTD = "gtd"  # good till a date and time

    @property
    def rests(self) -> bool:
        """Whether what does not fill at once rests on the book."""
        return self in (TimeInForce.GTC, TimeInForce.DAY, TimeInForce.GTD)


class SelfTradePrevention(StrEnum):
    """What happens when an incoming order would trade with a resting order of the same owner."""

    CANCEL_NEWEST = "cancel_newest"  # the incoming order's remainder is cancelled (default)
    CANCEL_OLDEST = "cancel_oldest"  # the resting order is cancelled; matching goes on
    CANCEL_BOTH = "cancel_both"  # both are cancelled
    DECREMENT = "decrement"  # both shrink by the smaller quantity, no trade; a zero is cancelled


class OrderStatus(StrEnum):
    """docs/trading.md has the table of which status each time in force ends in, and why.

    Whether an order is still working is whether it rests on the book, not its status alone:
    an IOC that filled partly ends ``partially_filled``, a resting order may be the same."""

    ACCEPTED = "accepted"  # resting, nothing filled yet
    PARTIALLY_FILLED = "partially_filled"  # resting with a fill, or an IOC that filled partly
    FILLED = "filled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    REJECTED = "rejected"
    STOPPED = "stopped"  # an IOC, FOK or market order that found nothing to fill against
