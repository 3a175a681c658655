"""A capital activity of an investment: money in (a capital call or contribution, a fee), money
out (a distribution: return of capital, gains, income) or a valuation (a NAV statement). Every
amount is a positive magnitude in the investment's currency; the kind says its direction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.portfolio.errors import ActivityBeforeStart, ActivityCurrencyMismatch, InvalidActivity
from domain.portfolio.investment import Investment
from domain.shared.ids import new_uuid
from domain.shared.money import Currency, to_decimal

NOTE_LENGTH: Final = 500


class ActivityKind(StrEnum):
    CONTRIBUTION = "contribution"  # a capital call paid
    FEE = "fee"  # management fees and expenses paid outside the commitment
    RETURN_OF_CAPITAL = "return_of_capital"
    GAIN = "gain"  # a distribution of realised gains
    INCOME = "income"  # a distribution of dividends, interest or rent
    VALUATION = "valuation"  # a NAV statement: what the holding is worth on that date

    @property
    def is_distribution(self) -> bool:
        return self in DISTRIBUTIONS

    @property
    def is_paid_in(self) -> bool:
        return self in (ActivityKind.CONTRIBUTION, ActivityKind.FEE)


DISTRIBUTIONS: Final = frozenset(
    {ActivityKind.RETURN_OF_CAPITAL, ActivityKind.GAIN, ActivityKind.INCOME}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    id: UUID
    investment_id: UUID
    kind: ActivityKind
    occurred_on: date
    amount: Decimal
    currency: str
    note: str | None
    created_at: datetime

    @classmethod
    def new(
        cls,
        investment: Investment,
        *,
        kind: ActivityKind,
        occurred_on: date,
        amount: Decimal | str | int,
        currency: str,
        note: str | None,
        now: datetime,
    ) -> Activity:
        return cls(
            id=new_uuid(),
            investment_id=investment.id,
            kind=kind,
            occurred_on=check_date(investment, occurred_on),
            amount=check_amount(investment, kind, amount, currency),
            currency=currency,
            note=_note(note),
            created_at=now,
        )

    @property
    def cash_flow(self) -> Decimal:
        """Signed from the investor's side: paid in negative, received positive; a valuation
        moves no money (zero)."""
        if self.kind.is_paid_in:
            return -self.amount
        if self.kind.is_distribution:
            return self.amount
        return Decimal(0)


def check_date(investment: Investment, occurred_on: date) -> date:
    if occurred_on < investment.start_date:
        raise ActivityBeforeStart(
            "occurred_on",
            f"{occurred_on.isoformat()} is before the investment's start "
            f"({investment.start_date.isoformat()})",
        )
    return occurred_on


def check_amount(
    investment: Investment, kind: ActivityKind, value: Decimal | str | int, currency: str
) -> Decimal:
    if currency != investment.currency:
        what = "a distribution" if kind.is_distribution else f"a {kind.value.replace('_', ' ')}"
        raise ActivityCurrencyMismatch(
            "currency",
            f"{what} of this investment is in {investment.currency}, not {currency}",
        )
    amount = to_decimal(value, field="amount")
    quantum = Currency(investment.currency).quantum
    if amount != amount.quantize(quantum):
        raise InvalidActivity(
            "amount", f"at most {Currency(investment.currency).minor_units} decimal places"
        )
    if amount < 0 or (amount == 0 and kind is not ActivityKind.VALUATION):
        raise InvalidActivity(
            "amount", "must be positive (a valuation may be zero); the kind gives the direction"
        )
    return amount


def _note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    cleaned = note.strip()
    if len(cleaned) > NOTE_LENGTH:
        raise InvalidActivity("note", f"at most {NOTE_LENGTH} characters")
    return cleaned
