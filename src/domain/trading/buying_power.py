"""What an order costs in cash, and so what a buy holds.

Amounts that move are at the currency's minor unit, half-even; a price x quantity may be finer
(a crypto lot of 0.0001 at a tick of 0.01). So an order's cash is computed on its *cumulative*
exact notional: after fills of exact notional ``F`` a buyer has paid ``cash_due(F)`` in all
(the notional rounded, plus the fee on it), and a fill of ``n`` more costs
``cash_due(F + n) - cash_due(F)``. Both parts are monotonic, so what a buy holds for its open
quantity at its limit (``buy_hold``) always covers every fill it can still get at that price
or better, and the hold left after a fill always covers the rest: a hold can never run short.

A seller's fee is charged the same way on the cash it has received so far."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from domain.shared.money import MINOR_UNITS

BPS: Final = Decimal(10_000)


def minor(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNITS[currency])


def rounded(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(minor(currency), ROUND_HALF_EVEN)


def fee(amount: Decimal, fee_bps: int, currency: str) -> Decimal:
    return rounded(amount * fee_bps / BPS, currency)


def cash_due(notional: Decimal, fee_bps: int, currency: str) -> Decimal:
    """What a buyer pays in all for fills of exact ``notional``: the cash and the fee."""
    return rounded(notional, currency) + fee(notional, fee_bps, currency)


def buy_hold(
    filled_notional: Decimal, open_notional: Decimal, fee_bps: int, currency: str
) -> Decimal:
    """What a buy must hold for its open quantity at its limit price (``open_notional``)."""
    return cash_due(filled_notional + open_notional, fee_bps, currency) - cash_due(
        filled_notional, fee_bps, currency
    )


def fill_cash(filled_notional: Decimal, notional: Decimal, currency: str) -> Decimal:
    """The cash of one fill of exact ``notional`` after ``filled_notional``, buyer to seller."""
    return rounded(filled_notional + notional, currency) - rounded(filled_notional, currency)


def fill_fee(before: Decimal, amount: Decimal, fee_bps: int, currency: str) -> Decimal:
    """The fee of one fill: the fee on everything so far minus the fee already charged."""
    return fee(before + amount, fee_bps, currency) - fee(before, fee_bps, currency)
