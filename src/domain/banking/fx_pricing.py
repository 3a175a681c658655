"""Pricing a currency conversion at a quoted rate: pure Decimal arithmetic, no I/O.

A pair ``USDINR`` has a base (``USD``) and a quote currency (``INR``); its mid rate is quote
units per base unit (``83.2500`` INR a dollar). The platform is the dealer and always earns the
spread ``s`` (basis points): a user who buys the base pays the ask, ``mid x (1 + s)``; a user
who sells the base gets the bid, ``mid x (1 - s)``. The client rate is exact (never rounded).

One side of the conversion is given, the other computed, and **every rounding goes the
platform's way**, to the computed currency's minor unit: what the user receives is rounded
down, what the user pays is rounded up. The spread the platform earns is the difference at mid,
in the currency the user sells: ``sell - buy valued at mid``, rounded half-even to that
currency's minor unit (the fee leg of the ledger entry); the sub-minor-unit rest stays in the
platform's FX position, which is valued at mid. So the spread is never negative and the user
never gets more than the client rate gives.

Worked example (docs/banking.md): mid ``USDINR=83.2500``, 50 bps. Selling ``100000.00`` INR:
ask ``83.66625``; ``100000 / 83.66625 = 1195.2291...`` → the user gets ``1195.22`` USD (down);
worth ``1195.22 x 83.25 = 99502.065`` INR at mid, so the spread is ``497.935`` → ``497.94`` INR
(half-even), and the FX position takes ``99502.06`` INR."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_UP, Context, Decimal
from enum import StrEnum
from typing import Final

from domain.shared.money import MINOR_UNITS

BPS: Final = Decimal(10_000)
_EXACT: Final = Context(prec=50)  # far more digits than any amount or rate has


class FxSide(StrEnum):
    """Which amount the user fixed: what they sell, or what they buy."""

    SELL = "sell"
    BUY = "buy"


@dataclass(frozen=True, slots=True)
class MidRate:
    """A pair's configured mid rate: ``quote`` units per ``base`` unit."""

    base: str
    quote: str
    mid: Decimal

    @property
    def pair(self) -> str:
        return f"{self.base}{self.quote}"

    def joins(self, one: str, other: str) -> bool:
        return {one, other} == {self.base, self.quote}


@dataclass(frozen=True, slots=True)
class FxPrice:
    pair: str
    mid_rate: Decimal
    rate: Decimal  # the client rate, quote units per base unit
    sell_amount: Decimal
    buy_amount: Decimal
    spread_amount: Decimal  # in the sell currency, at its minor unit


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNITS[currency])


def client_rate(mid: MidRate, *, user_buys_base: bool, spread_bps: int) -> Decimal:
    """The ask when the user buys the base currency, the bid when they sell it."""
    spread = Decimal(spread_bps) / BPS
    factor = Decimal(1) + spread if user_buys_base else Decimal(1) - spread
    return _EXACT.multiply(mid.mid, factor)


def price(
    mid: MidRate,
    *,
    sell_currency: str,
    buy_currency: str,
    amount: Decimal,
    side: FxSide,
    spread_bps: int,
) -> FxPrice:
    """The conversion of ``amount`` (of the sell currency when ``side`` is SELL, of the buy
    currency when BUY) at ``mid`` with the spread; the computed amount may be zero (a caller
    refuses it: below the minor unit)."""
    buys_base = buy_currency == mid.base
    rate = client_rate(mid, user_buys_base=buys_base, spread_bps=spread_bps)

    def in_buy(sell_units: Decimal, at: Decimal) -> Decimal:  # sell units → buy units
        return _EXACT.divide(sell_units, at) if buys_base else _EXACT.multiply(sell_units, at)

    def in_sell(buy_units: Decimal, at: Decimal) -> Decimal:  # buy units → sell units
        return _EXACT.multiply(buy_units, at) if buys_base else _EXACT.divide(buy_units, at)

    if side is FxSide.SELL:
        sell = amount
        buy = in_buy(sell, rate).quantize(_quantum(buy_currency), rounding=ROUND_DOWN)
    else:
        buy = amount
        sell = in_sell(buy, rate).quantize(_quantum(sell_currency), rounding=ROUND_UP)
    spread = (sell - in_sell(buy, mid.mid)).quantize(
        _quantum(sell_currency), rounding=ROUND_HALF_EVEN
    )
    return FxPrice(mid.pair, mid.mid, rate, sell, buy, spread)
