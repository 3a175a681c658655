"""What an agent decides for one instrument in one step, and what it sees to decide it.

Agents never talk to the exchange: they return intents, and the simulator's run turns each
into a real order (a ``Quote`` a resting GTC limit, a ``Take`` a market order or an IOC limit
that crosses the spread) or a cancel (``Withdraw``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.marketdata.simulation.grid import PriceGrid


class Side(StrEnum):
    BUY = "buy"
    SELL = "sell"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketView:
    """One instrument as an agent sees it in a step."""

    grid: PriceGrid
    fair: Decimal  # the fair value, on the grid
    best_bid: Decimal | None
    best_ask: Decimal | None

    def best(self, side: Side) -> Decimal | None:
        return self.best_bid if side is Side.BUY else self.best_ask


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveQuote:
    """An agent's resting order: its reference at the exchange, side, price and the step it
    was placed in."""

    ref: str
    side: Side
    price: Decimal
    placed_at: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    side: Side
    price: Decimal
    quantity: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Take:
    """Trade at once: a market order (``limit`` None) or a marketable IOC limit."""

    side: Side
    quantity: Decimal
    limit: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Withdraw:
    ref: str


Intent = Quote | Take | Withdraw
