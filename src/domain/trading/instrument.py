"""A listed instrument: what it is, how it is quoted and when it trades.

Prices are multiples of ``tick_size`` and quantities multiples of ``lot_size``; the matching
engine sees them as whole ticks and lots (``int``). ``ticks``/``lots`` convert a decimal the
client sent and refuse one that is off the grid — they never round; ``price_of``/
``quantity_of`` convert back exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.money import MINOR_UNITS
from domain.trading.errors import (
    INSTRUMENT_HALTED,
    MARKET_CLOSED,
    NOT_POSITIVE,
    PRICE_OFF_TICK,
    QUANTITY_OFF_LOT,
    InstrumentStateInvalid,
)
from domain.trading.sessions import CALENDARS, TradingHours

SYMBOL: Final = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,19}$")
HUNDRED: Final = Decimal(100)


class AssetClass(StrEnum):
    STOCK = "stock"
    ETF = "etf"
    BOND = "bond"
    CRYPTO = "crypto"


class InstrumentStatus(StrEnum):
    ACTIVE = "active"
    HALTED = "halted"


def refusal(field: str, message: str, code: str) -> ValidationFailed:
    """One field refused, the refusal carrying the field's code."""
    return ValidationFailed(
        f"{field}: {message}", code=code, errors=[FieldError(field, message, code)]
    )


def _positive(value: Decimal, field: str) -> FieldError | None:
    if not value.is_finite() or value <= 0:
        return FieldError(field, "must be more than zero", NOT_POSITIVE)
    return None


def places(step: Decimal) -> int:
    """How many decimals a multiple of ``step`` can have (``0.0001`` → 4, ``1`` → 0)."""
    exponent = step.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Instrument:
    id: UUID
    symbol: str
    name: str
    asset_class: AssetClass
    currency: str
    tick_size: Decimal
    lot_size: Decimal
    min_notional: Decimal
    band_percent: Decimal  # a limit price lies within this percent of the reference price
    reference_price: Decimal
    last_price: Decimal | None
    trading_hours: str  # a calendar code of ``sessions.CALENDARS``
    status: InstrumentStatus
    created_at: datetime

    @classmethod
    def listed(cls, **fields: object) -> Instrument:
        """A new instrument, every field checked at once."""
        instrument = cls(**fields)  # type: ignore[arg-type]
        instrument.check()
        return instrument

    def check(self) -> None:
        errors: list[FieldError] = []
        if not SYMBOL.fullmatch(self.symbol):
            errors.append(FieldError("symbol", "1 to 20 of A-Z, 0-9, '.', '-'", "invalid_symbol"))
        if self.currency not in MINOR_UNITS:
            errors.append(FieldError("currency", f"{self.currency!r} is not a currency"))
        if self.trading_hours not in CALENDARS:
            known = ", ".join(sorted(CALENDARS))
            errors.append(FieldError("trading_hours", f"one of {known}", "unknown_calendar"))
        for name in ("tick_size", "lot_size", "reference_price"):
            found = _positive(getattr(self, name), name)
            if found:
                errors.append(found)
        if not self.min_notional.is_finite() or self.min_notional < 0:
            errors.append(FieldError("min_notional", "zero or more", "invalid"))
        if not self.band_percent.is_finite() or not 0 < self.band_percent < HUNDRED:
            errors.append(FieldError("band_percent", "more than 0 and less than 100"))
        if not errors and self.reference_price % self.tick_size != 0:
            message = f"{self.reference_price} is not a multiple of the tick {self.tick_size}"
            errors.append(FieldError("reference_price", message, PRICE_OFF_TICK))
        if errors:
            raise ValidationFailed(
                "; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors
            )

    # --- the grid -------------------------------------------------------------------------
    @property
    def hours(self) -> TradingHours:
        return CALENDARS[self.trading_hours]

    @property
    def quantity_places(self) -> int:
        return places(self.lot_size)

    def ticks(self, price: Decimal, field: str = "price") -> int:
        """``price`` in whole ticks; refused when not positive or off the tick."""
        if not price.is_finite() or price <= 0:
            raise refusal(field, "must be more than zero", NOT_POSITIVE)
        count, rest = divmod(price, self.tick_size)
        if rest != 0:
            message = f"{price} is not a multiple of the tick size {self.tick_size}"
            raise refusal(field, message, PRICE_OFF_TICK)
        return int(count)

    def lots(self, quantity: Decimal, field: str = "quantity") -> int:
        """``quantity`` in whole lots; refused when not positive or off the lot."""
        if not quantity.is_finite() or quantity <= 0:
            raise refusal(field, "must be more than zero", NOT_POSITIVE)
        count, rest = divmod(quantity, self.lot_size)
        if rest != 0:
            message = f"{quantity} is not a multiple of the lot size {self.lot_size}"
            raise refusal(field, message, QUANTITY_OFF_LOT)
        return int(count)

    def price_of(self, ticks: int) -> Decimal:
        return self.tick_size * ticks

    def quantity_of(self, lots: int) -> Decimal:
        return self.lot_size * lots

    # --- the band and the collar ----------------------------------------------------------
    @property
    def mark(self) -> Decimal:
        """The price the band is around: the last trade's, else the reference price."""
        return self.last_price if self.last_price is not None else self.reference_price

    def band(self) -> tuple[Decimal, Decimal]:
        """The lowest and highest limit price allowed now, on the tick grid, inside the band."""
        width = self.mark * self.band_percent / HUNDRED
        low = ((self.mark - width) / self.tick_size).to_integral_value(ROUND_CEILING)
        high = ((self.mark + width) / self.tick_size).to_integral_value(ROUND_FLOOR)
        return max(low, Decimal(1)) * self.tick_size, high * self.tick_size

    def collar(self, buying: bool) -> Decimal:
        """The worst price a market order may trade at: the edge of the band on its side."""
        low, high = self.band()
        return high if buying else low

    # --- state ----------------------------------------------------------------------------
    def refusals_now(self, at: datetime) -> list[FieldError]:
        """Why no order may be placed now (halted, market closed), as field errors."""
        found = []
        if self.status is InstrumentStatus.HALTED:
            found.append(FieldError("symbol", f"{self.symbol} is halted", INSTRUMENT_HALTED))
        if not self.hours.is_open(at):
            found.append(FieldError("symbol", f"the {self.symbol} market is closed", MARKET_CLOSED))
        return found

    def halted(self) -> Instrument:
        if self.status is InstrumentStatus.HALTED:
            raise InstrumentStateInvalid(f"{self.symbol} is already halted")
        return replace(self, status=InstrumentStatus.HALTED)

    def resumed(self) -> Instrument:
        if self.status is InstrumentStatus.ACTIVE:
            raise InstrumentStateInvalid(f"{self.symbol} is already trading")
        return replace(self, status=InstrumentStatus.ACTIVE)

    def traded_at(self, price: Decimal) -> Instrument:
        return replace(self, last_price=price)
