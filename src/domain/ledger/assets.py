"""Assets an account holds: a currency (ISO 4217, its minor unit) or an instrument / share class
(an id with a declared precision, whole units by default). Amounts are quantized to the asset's
precision; an amount with more places is refused, never rounded silently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from domain.ledger.errors import InvalidPosting
from domain.shared.errors import FieldError, invalid_field
from domain.shared.money import MINOR_UNITS, to_decimal

MAX_PRECISION: Final = 8  # NUMERIC(28, 8) in the database
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Asset:
    code: str
    precision: int

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise invalid_field(
                "asset", f"{self.code!r} is not an asset code", code="invalid_asset"
            )
        if not 0 <= self.precision <= MAX_PRECISION:
            raise invalid_field("asset", f"precision must be 0..{MAX_PRECISION}")
        if self.code in MINOR_UNITS and self.precision != MINOR_UNITS[self.code]:
            raise invalid_field("asset", f"{self.code} has {MINOR_UNITS[self.code]} decimals")

    @classmethod
    def currency(cls, code: str) -> Asset:
        if code not in MINOR_UNITS:
            raise invalid_field("asset", f"unsupported currency {code!r}", code="invalid_asset")
        return cls(code, MINOR_UNITS[code])

    @classmethod
    def instrument(cls, instrument_id: str, precision: int = 0) -> Asset:
        if instrument_id in MINOR_UNITS:
            raise invalid_field("asset", "an instrument id cannot be a currency code")
        return cls(instrument_id, precision)

    @classmethod
    def parse(cls, code: str, precision: int | None = None) -> Asset:
        """A currency by its code, anything else an instrument (whole units by default)."""
        if code in MINOR_UNITS:
            return cls.currency(code)
        return cls.instrument(code, 0 if precision is None else precision)

    @property
    def is_currency(self) -> bool:
        return self.code in MINOR_UNITS

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.precision)

    def amount(self, value: Decimal | int | str, *, field: str = "amount") -> Decimal:
        """``value`` exactly at this asset's precision: more places than that are refused."""
        exact = to_decimal(value, field=field)
        quantized = exact.quantize(self.quantum)
        if quantized != exact:
            raise self._too_precise(field, value)
        return quantized

    def _too_precise(self, field: str, value: object) -> InvalidPosting:
        message = f"{value} has more than {self.precision} decimals for {self.code}"
        return InvalidPosting(
            f"{field}: {message}", errors=[FieldError(field, message, "too_precise")]
        )

    def written(self, value: Decimal, *, field: str = "amount") -> Decimal:
        """An amount as a person typed it: no more written places than this asset has, trailing
        zeros included (``100.0000`` INR is refused; computed amounts go through ``amount``)."""
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.precision:
            raise self._too_precise(field, value)
        return self.amount(value, field=field)

    def __str__(self) -> str:
        return self.code
