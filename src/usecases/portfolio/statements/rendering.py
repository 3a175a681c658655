"""The quarterly statement as the port that prints it. A sheet is what goes on the pages,
already computed (figures as of the quarter's end, the quarter's activities and trades); the
renderer knows nothing of the portfolio's rules. Rendering is CPU work: the adapter runs it
off the event loop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from domain.portfolio.brokerage import HeldOn


@dataclass(frozen=True, slots=True)
class FiguresLine:
    """A private investment's figures (or a currency's, pooled) at the quarter's end."""

    label: str  # the investment's name, or "All <currency>"
    currency: str
    paid_in: Decimal
    distributed: Decimal
    nav: Decimal
    tvpi: Decimal | None
    dpi: Decimal | None
    irr: Decimal | None
    irr_reason: str | None


@dataclass(frozen=True, slots=True)
class MovementLine:
    """A capital activity of the quarter, or a brokerage trade of it."""

    on: date
    what: str  # the investment's name, or the symbol
    kind: str  # the activity's kind, or buy / sell
    amount: Decimal  # money, in ``currency``
    currency: str


@dataclass(frozen=True, slots=True)
class BrokerageLine:
    currency: str
    value: Decimal  # at the quarter's end
    quarter_return: Decimal | None  # the quarter's daily returns linked
    since_start: Decimal | None  # from the first trade to the quarter's end
    annual_volatility: Decimal | None
    sharpe: Decimal | None
    max_drawdown: Decimal | None
    value_at_risk_95: Decimal | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class QuarterlyStatementSheet:
    quarter: str  # "2026-Q3"
    start: date
    end: date
    generated_at: datetime
    currencies: list[FiguresLine]
    investments: list[FiguresLine]
    activities: list[MovementLine]
    brokerage: list[BrokerageLine]
    positions: list[HeldOn]
    trades: list[MovementLine]


class StatementRenderer(Protocol):
    async def quarterly(self, sheet: QuarterlyStatementSheet) -> bytes: ...
