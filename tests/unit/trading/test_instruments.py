"""Instruments: the tick and lot grid (refused off it, never rounded), the band and collar,
trading hours, and a new order's checks naming every offending field at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.shared.errors import ValidationFailed
from domain.shared.ids import new_uuid
from domain.trading.instrument import AssetClass, Instrument, InstrumentStatus
from domain.trading.order_checks import OrderTerms, check_new_order
from domain.trading.sessions import CRYPTO, US_EQUITIES
from domain.trading.terms import OrderType, Side, TimeInForce

# Tuesday 2026-12-01 15:00 UTC is 10:00 in New York: the US session is open.
OPEN = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
CLOSED = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)  # 17:00 New York
SATURDAY = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)


def instrument(**overrides: object) -> Instrument:
    fields: dict[str, object] = {
        "id": new_uuid(),
        "symbol": "AAPL",
        "name": "Apple Inc.",
        "asset_class": AssetClass.STOCK,
        "currency": "USD",
        "tick_size": Decimal("0.01"),
        "lot_size": Decimal("1"),
        "min_notional": Decimal("10.00"),
        "band_percent": Decimal("10"),
        "reference_price": Decimal("100.00"),
        "last_price": None,
        "trading_hours": "xnys",
        "status": InstrumentStatus.ACTIVE,
        "created_at": OPEN,
    }
    fields.update(overrides)
    return Instrument.listed(**fields)


def codes(refusal: ValidationFailed) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for error in refusal.errors:
        found.setdefault(error.field, set()).add(error.code)
    return found


def test_prices_and_quantities_convert_exactly_to_ticks_and_lots_and_back() -> None:
    btc = instrument(symbol="BTC-USD", lot_size=Decimal("0.0001"), trading_hours="24x7")
    assert btc.ticks(Decimal("60000.01")) == 6_000_001
    assert btc.lots(Decimal("0.0025")) == 25
    assert btc.price_of(6_000_001) == Decimal("60000.01")
    assert btc.quantity_of(25) == Decimal("0.0025")


@pytest.mark.parametrize("price", ["100.005", "0.001"])
def test_a_price_off_the_tick_is_refused_not_rounded(price: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        instrument().ticks(Decimal(price))
    assert refused.value.error_code == "price_off_tick"


def test_a_quantity_off_the_lot_is_refused_not_rounded() -> None:
    with pytest.raises(ValidationFailed) as refused:
        instrument().lots(Decimal("1.5"))
    assert refused.value.error_code == "quantity_off_lot"


def test_the_band_is_on_the_grid_around_the_last_price_and_the_collar_is_its_edge() -> None:
    listed = instrument(band_percent=Decimal("5"), reference_price=Decimal("10.01"))
    assert listed.band() == (Decimal("9.51"), Decimal("10.51"))
    traded = listed.traded_at(Decimal("20.00"))
    assert traded.band() == (Decimal("19.00"), Decimal("21.00"))
    assert (traded.collar(True), traded.collar(False)) == (Decimal("21.00"), Decimal("19.00"))


def test_every_offending_field_of_a_new_order_is_named_at_once() -> None:
    halted = instrument(status=InstrumentStatus.HALTED)
    terms = OrderTerms(
        symbol="AAPL",
        side=Side.BUY,
        order_type=OrderType.LIMIT,
        time_in_force=TimeInForce.GTC,
        quantity=Decimal("1.5"),
        price=Decimal("100.005"),
        expires_at=OPEN + timedelta(days=1),
    )
    with pytest.raises(ValidationFailed) as refused:
        check_new_order(halted, terms, CLOSED)
    assert codes(refused.value) == {
        "symbol": {"instrument_halted", "market_closed"},
        "price": {"price_off_tick"},
        "quantity": {"quantity_off_lot"},
        "expires_at": {"expires_at_not_allowed"},
    }


def test_band_and_minimum_notional_are_checked_together() -> None:
    terms = OrderTerms(
        symbol="AAPL",
        side=Side.SELL,
        order_type=OrderType.LIMIT,
        time_in_force=TimeInForce.GTC,
        quantity=Decimal("1"),
        price=Decimal("5.00"),
    )
    with pytest.raises(ValidationFailed) as refused:
        check_new_order(instrument(), terms, OPEN)
    assert codes(refused.value) == {
        "price": {"price_outside_band"},
        "quantity": {"notional_too_small"},
    }


def test_an_unknown_instrument_is_named_with_the_terms_that_are_wrong_anyway() -> None:
    terms = OrderTerms(
        symbol="NOPE",
        side=Side.BUY,
        order_type=OrderType.MARKET,
        time_in_force=TimeInForce.GTC,
        quantity=Decimal("1"),
        price=Decimal("1"),
    )
    with pytest.raises(ValidationFailed) as refused:
        check_new_order(None, terms, OPEN)
    assert codes(refused.value) == {
        "symbol": {"unknown_instrument"},
        "price": {"price_not_allowed"},
        "time_in_force": {"invalid_time_in_force"},
    }


def test_a_market_buy_is_checked_at_its_collar_and_a_day_order_ends_with_the_session() -> None:
    market = OrderTerms(
        symbol="AAPL",
        side=Side.BUY,
        order_type=OrderType.MARKET,
        time_in_force=TimeInForce.IOC,
        quantity=Decimal("3"),
    )
    checked = check_new_order(instrument(), market, OPEN)
    assert (checked.limit_price, checked.ticks, checked.lots) == (Decimal("110.00"), 11000, 3)
    day = OrderTerms(
        symbol="AAPL",
        side=Side.BUY,
        order_type=OrderType.LIMIT,
        time_in_force=TimeInForce.DAY,
        quantity=Decimal("1"),
        price=Decimal("100.00"),
    )
    assert check_new_order(instrument(), day, OPEN).expires_at == datetime(
        2026, 12, 1, 21, 0, tzinfo=UTC
    )


def test_us_equities_trade_in_new_york_hours_on_weekdays_and_crypto_always() -> None:
    assert US_EQUITIES.is_open(OPEN)
    assert not US_EQUITIES.is_open(CLOSED)
    assert not US_EQUITIES.is_open(SATURDAY)
    summer = datetime(2026, 7, 1, 13, 45, tzinfo=UTC)  # 09:45 EDT
    assert US_EQUITIES.is_open(summer)
    assert CRYPTO.is_open(SATURDAY)
    assert CRYPTO.session_end(SATURDAY) == datetime(2026, 12, 6, tzinfo=UTC)


def test_a_new_instrument_names_every_bad_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        instrument(
            symbol="bad symbol",
            currency="XXX",
            tick_size=Decimal("0"),
            band_percent=Decimal("100"),
            trading_hours="moon",
        )
    assert set(codes(refused.value)) == {
        "symbol",
        "currency",
        "tick_size",
        "band_percent",
        "trading_hours",
    }


def test_an_expiry_without_its_time_zone_is_refused() -> None:
    terms = OrderTerms(
        symbol="AAPL",
        side=Side.BUY,
        order_type=OrderType.LIMIT,
        time_in_force=TimeInForce.GTD,
        quantity=Decimal("1"),
        price=Decimal("100.00"),
        expires_at=datetime(2026, 12, 2, 12, 0),  # noqa: DTZ001 (naive on purpose)
    )
    with pytest.raises(ValidationFailed) as refused:
        check_new_order(instrument(), terms, OPEN)
    assert codes(refused.value) == {"expires_at": {"expires_at_without_time_zone"}}
