"""Quantity: an exact count of units (shares, lots) as a Decimal, never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Final

from domain.shared.errors import invalid_field
from domain.shared.money import to_decimal

MAX_SCALE: Final = 8  # places kept for fractional units


@dataclass(frozen=True, slots=True, order=True)
class Quantity:
    value: Decimal

    @classmethod
    def of(cls, value: Decimal | int | str, *, field: str = "quantity") -> Quantity:
        number = to_decimal(value, field=field)
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_SCALE:
            raise invalid_field(field, f"at most {MAX_SCALE} decimal places")
        return cls(number)

    @classmethod
    def zero(cls) -> Quantity:
        return cls(Decimal(0))

    def positive(self, *, field: str = "quantity") -> Quantity:
        """This quantity, checked to be greater than zero."""
        if self.value <= 0:
            raise invalid_field(field, "must be greater than zero", code="not_positive")
        return self

    def whole(self, *, field: str = "quantity") -> Quantity:
        """This quantity, checked to be a whole number of units."""
        if self.value != self.value.to_integral_value(rounding=ROUND_DOWN):
            raise invalid_field(field, "must be a whole number", code="not_whole")
        return self

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(self.value + other.value)

    def __sub__(self, other: Quantity) -> Quantity:
        return Quantity(self.value - other.value)

    def __neg__(self) -> Quantity:
        return Quantity(-self.value)

    def __str__(self) -> str:
        return f"{self.value.normalize():f}"
