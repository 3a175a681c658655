"""Pricing a conversion: the worked example of docs/banking.md, rounding the platform's way,
the spread never negative, and FX_RATES as settings read it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.banking.fx_pricing import FxSide, MidRate, price
from infrastructure.banking.fx_rates import ConfiguredFxRates
from infrastructure.config.settings import Settings

USDINR = MidRate("USD", "INR", Decimal("83.2500"))


def test_the_worked_example_inr_to_usd() -> None:
    p = price(
        USDINR,
        sell_currency="INR",
        buy_currency="USD",
        amount=Decimal("100000.00"),
        side=FxSide.SELL,
        spread_bps=50,
    )
    assert (p.pair, p.rate, p.buy_amount, p.spread_amount) == (
        "USDINR",
        Decimal("83.66625"),
        Decimal("1195.22"),
        Decimal("497.94"),  # 497.935 half-even
    )


def test_the_worked_example_usd_to_inr() -> None:
    p = price(
        USDINR,
        sell_currency="USD",
        buy_currency="INR",
        amount=Decimal("1000.00"),
        side=FxSide.SELL,
        spread_bps=50,
    )
    assert (p.rate, p.buy_amount, p.spread_amount) == (
        Decimal("82.83375"),
        Decimal("82833.75"),
        Decimal("5.00"),
    )


@pytest.mark.parametrize(
    ("sell", "buy", "amount", "side", "sell_amount", "buy_amount"),
    [
        # what the user gets is rounded down: 1.1952... USD, half-even would be 1.20
        ("INR", "USD", "100", FxSide.SELL, "100", "1.19"),
        # what the user pays is rounded up: 4.1833... INR, half-even would be 4.18
        ("INR", "USD", "0.05", FxSide.BUY, "4.19", "0.05"),
        # selling dollars for a fixed INR amount: 50000 / 82.83375 = 603.6189... USD, up
        ("USD", "INR", "50000.00", FxSide.BUY, "603.62", "50000.00"),
        # too small to buy a cent: zero, which the use case refuses
        ("INR", "USD", "0.50", FxSide.SELL, "0.50", "0.00"),
    ],
)
def test_the_computed_side_is_rounded_the_platforms_way(
    sell: str, buy: str, amount: str, side: FxSide, sell_amount: str, buy_amount: str
) -> None:
    p = price(
        USDINR,
        sell_currency=sell,
        buy_currency=buy,
        amount=Decimal(amount),
        side=side,
        spread_bps=50,
    )
    assert (p.sell_amount, p.buy_amount) == (Decimal(sell_amount), Decimal(buy_amount))


cents = st.integers(min_value=1, max_value=10**12).map(lambda n: Decimal(n).scaleb(-2))


@given(
    amount=cents,
    side=st.sampled_from(FxSide),
    inr_to_usd=st.booleans(),
    bps=st.integers(min_value=0, max_value=1000),
)
def test_the_platform_never_gives_more_than_the_mid_rate(
    amount: Decimal, side: FxSide, inr_to_usd: bool, bps: int
) -> None:
    sell, buy = ("INR", "USD") if inr_to_usd else ("USD", "INR")
    p = price(
        USDINR, sell_currency=sell, buy_currency=buy, amount=amount, side=side, spread_bps=bps
    )
    assert p.spread_amount >= 0
    assert p.spread_amount == p.spread_amount.quantize(Decimal("0.01"))
    worth = p.buy_amount * USDINR.mid if inr_to_usd else p.buy_amount / USDINR.mid
    assert worth <= p.sell_amount  # what the user gets is worth no more than they pay, at mid
    assert abs(p.sell_amount - worth - p.spread_amount) <= Decimal("0.005")


async def test_configured_rates_join_a_pair_either_way_round() -> None:
    settings = Settings(fx_rates="USDINR=83.2500, eurinr=90.1")
    rates = ConfiguredFxRates(settings.fx_mid_rates)
    assert await rates.currencies() == {"USD", "INR", "EUR"}
    assert await rates.mid_rate("INR", "USD") == USDINR
    assert await rates.mid_rate("EUR", "INR") == MidRate("EUR", "INR", Decimal("90.1"))
    assert await rates.mid_rate("USD", "EUR") is None


@pytest.mark.parametrize(
    "rates",
    ["USDINR=0", "USDINR=abc", "USDUSD=1", "USDXYZ=1", "USDINR=1.1234567", "USDINR=1,INRUSD=2"],
)
def test_malformed_fx_rates_are_refused_at_start(rates: str) -> None:
    with pytest.raises(ValueError, match="FX_RATES"):
        Settings(fx_rates=rates)
