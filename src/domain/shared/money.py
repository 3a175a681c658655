"""Money: an exact Decimal amount in one ISO 4217 currency.

Floats are refused at the door. Amounts keep the precision they are given (an FX rate times an
amount may have more places than the currency); ``rounded()`` brings them to the currency's
minor unit with banker's rounding unless a rule says otherwise, and ``allocate()`` splits an
amount without losing or inventing a minor unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Final

from domain.shared.errors import RuleViolated, ValidationFailed, invalid_field

# ISO 4217 minor units for the currencies the platform settles in.
MINOR_UNITS: Final[dict[str, int]] = {
    "INR": 2,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "SGD": 2,
    "AED": 2,
    "CHF": 2,
    "HKD": 2,
    "AUD": 2,
    "CAD": 2,
    "JPY": 0,
    "KWD": 3,
    "BHD": 3,
}


class CurrencyMismatch(RuleViolated):
    code = "currency_mismatch"
    title = "Currencies do not match"


@dataclass(frozen=True, slots=True)
class Currency:
    code: str

    def __post_init__(self) -> None:
        if self.code not in MINOR_UNITS:
            raise invalid_field(
                "currency", f"unsupported currency {self.code!r}", code="unsupported_currency"
            )

    @property
    def minor_units(self) -> int:
        return MINOR_UNITS[self.code]

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.minor_units)

    def __str__(self) -> str:
        return self.code


def to_decimal(value: Decimal | int | str, *, field: str = "amount") -> Decimal:
    """Parse an exact decimal; floats, NaN and infinities are refused."""
    if isinstance(value, float | bool):
        raise invalid_field(field, "must be a decimal string or integer, not a float")
    try:
        result = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, ValueError):
        raise invalid_field(field, f"{value!r} is not a number") from None
    if not result.is_finite():
        raise invalid_field(field, "must be a finite number")
    return result


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: Currency

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str | Currency) -> Money:
        cur = currency if isinstance(currency, Currency) else Currency(currency)
        return cls(to_decimal(amount), cur)

    @classmethod
    def zero(cls, currency: str | Currency) -> Money:
        return cls.of(0, currency)

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValidationFailed("Money needs a finite Decimal amount")

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(
                f"cannot combine {self.currency} with {other.currency}",
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float | bool) or not isinstance(factor, Decimal | int):
            raise ValidationFailed("Money can only be multiplied by a Decimal or an int")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    def rounded(self, rounding: str = ROUND_HALF_EVEN) -> Money:
        """The amount at the currency's minor unit (banker's rounding by default)."""
        return Money(self.amount.quantize(self.currency.quantum, rounding=rounding), self.currency)

    def is_exact(self) -> bool:
        """True when the amount has no more places than the currency's minor unit."""
        return self.amount == self.amount.quantize(self.currency.quantum, rounding=ROUND_DOWN)

    def allocate(self, ratios: list[int]) -> list[Money]:
        """Split by integer ratios; leftover minor units go to the first shares, none is lost."""
        if not ratios or any(r < 0 for r in ratios) or sum(ratios) == 0:
            raise ValidationFailed("allocation needs non-negative ratios with a positive sum")
        quantum = self.currency.quantum
        total_units = int((self.rounded().amount / quantum).to_integral_value())
        total_ratio = sum(ratios)
        units = [total_units * r // total_ratio for r in ratios]
        for i in range(total_units - sum(units)):
            units[i % len(units)] += 1
        return [Money(Decimal(u) * quantum, self.currency) for u in units]

    def __str__(self) -> str:
        return f"{self.rounded().amount:f} {self.currency}"
