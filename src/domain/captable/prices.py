"""Prices per share. A price per share (a class's price, a par value, an issuance's share price,
a repurchase's or a transfer's price) is not a settled amount: startups price shares at
``0.0001`` and set par values at ``0.00001``, finer than any currency's minor unit. Such a price
keeps up to ``PRICE_PLACES`` decimal places; what moves money (a transfer's total price, its
fee) is rounded half-even to the currency's minor unit where it is computed."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from domain.shared.errors import invalid_field
from domain.shared.money import Currency, Money, to_decimal

PRICE_PLACES: Final = 10


def per_share_amount(value: str | Decimal, field: str) -> Decimal:
    """A non-negative decimal with at most ``PRICE_PLACES`` places (a price or a par value)."""
    number = to_decimal(value, field=field)
    if number < 0:
        raise invalid_field(field, "must not be negative")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > PRICE_PLACES and number != number.quantize(Decimal(1).scaleb(-PRICE_PLACES)):
        raise invalid_field(field, f"at most {PRICE_PLACES} decimal places for a price per share")
    return number


def price_per_share(value: str | Decimal, field: str, currency: str) -> Money:
    """A price per share in ``currency``, at most ``PRICE_PLACES`` places."""
    return Money(per_share_amount(value, field), Currency(currency))
