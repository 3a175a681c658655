"""Prices and quantities as the live feed writes them: exact decimal strings with exactly the
instrument's places (``231.10`` on a 0.01 tick, ``0.500`` on a 0.001 lot), so the same level
is always the same string and a checksum computed from the strings is the same everywhere."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Final

from domain.shared.money import MINOR_UNITS
from domain.trading.instrument import Instrument, places

AVERAGE_PLACES: Final = 10  # an average fill price: finer than the tick, never more than this
_QUANTA: Final = tuple(Decimal(1).scaleb(-n) for n in range(21))


def fixed(value: Decimal, count: int) -> str:
    """``value`` with exactly ``count`` decimals (never rounds a value already on the grid)."""
    quantum = _QUANTA[count] if count < len(_QUANTA) else Decimal(1).scaleb(-count)
    return f"{value.quantize(quantum):f}"


@cache
def _places(step: Decimal) -> int:
    return places(step)  # the few ticks and lots there are, worked out once each


def price_text(instrument: Instrument, price: Decimal) -> str:
    return fixed(price, _places(instrument.tick_size))


def quantity_text(instrument: Instrument, quantity: Decimal) -> str:
    return fixed(quantity, _places(instrument.lot_size))


def average_text(instrument: Instrument, price: Decimal) -> str:
    """An average of fill prices: at least the tick's places, up to ten, no trailing zeros."""
    at_most = Decimal(1).scaleb(-AVERAGE_PLACES)
    exponent = price.quantize(at_most).normalize().as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return fixed(price, max(shown, _places(instrument.tick_size)))


def money_text(amount: Decimal, currency: str) -> str:
    return fixed(amount, MINOR_UNITS.get(currency, 2))
