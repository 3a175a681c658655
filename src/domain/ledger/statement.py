"""A monthly statement: opening balance, every movement with its running balance, closing
balance, and the end-of-day balances a chart draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domain.shared.errors import invalid_field


@dataclass(frozen=True, slots=True)
class Movement:
    created_at: datetime
    description: str
    amount: Decimal  # signed: credits positive, debits negative
    reference: str


@dataclass(frozen=True, slots=True)
class StatementLine:
    movement: Movement
    balance: Decimal


@dataclass(frozen=True, slots=True)
class Statement:
    holder: str
    currency: str
    year: int
    month: int
    opening: Decimal
    lines: tuple[StatementLine, ...]

    @property
    def closing(self) -> Decimal:
        return self.lines[-1].balance if self.lines else self.opening

    @property
    def credits(self) -> Decimal:
        return sum((ln.movement.amount for ln in self.lines if ln.movement.amount > 0), Decimal(0))

    @property
    def debits(self) -> Decimal:
        return sum((ln.movement.amount for ln in self.lines if ln.movement.amount < 0), Decimal(0))

    def daily_balances(self, last_day: int) -> list[tuple[date, Decimal]]:
        """The balance at the end of each day of the month (for the chart)."""
        balance = self.opening
        lines = iter(self.lines)
        pending = next(lines, None)
        points: list[tuple[date, Decimal]] = []
        for day in range(1, last_day + 1):
            today = date(self.year, self.month, day)
            while pending is not None and pending.movement.created_at.date() <= today:
                balance = pending.balance
                pending = next(lines, None)
            points.append((today, balance))
        return points


def build_statement(
    *,
    holder: str,
    currency: str,
    year: int,
    month: int,
    opening: Decimal,
    movements: Sequence[Movement],
) -> Statement:
    if not 1 <= month <= 12:
        raise invalid_field("month", "must be between 1 and 12", code="out_of_range")
    balance = opening
    lines: list[StatementLine] = []
    for movement in sorted(movements, key=lambda m: m.created_at):
        balance += movement.amount
        lines.append(StatementLine(movement, balance))
    return Statement(holder, currency, year, month, opening, tuple(lines))
