"""The brokerage account's daily value series and its returns: trades as external flows, a
day's flow at its end, money put into an empty account at the start, prices carried forward."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from domain.portfolio.brokerage import (
    DayValue,
    Trade,
    daily_returns,
    figures_of,
    sections,
    value_series,
    valued,
)

D = Decimal
A, B = uuid4(), uuid4()


def buy(instrument: object, on: date, quantity: str, price: str, fee: str = "0") -> Trade:
    cash = D(quantity) * D(price)
    return Trade(
        instrument_id=instrument,  # type: ignore[arg-type]
        symbol="A" if instrument is A else "B",
        currency="USD",
        on=on,
        quantity=D(quantity),
        price=D(price),
        flow=cash + D(fee),
    )


def sell(instrument: object, on: date, quantity: str, price: str) -> Trade:
    return Trade(
        instrument_id=instrument,  # type: ignore[arg-type]
        symbol="A" if instrument is A else "B",
        currency="USD",
        on=on,
        quantity=-D(quantity),
        price=D(price),
        flow=-D(quantity) * D(price),
    )


def test_prices_carry_forward_and_flows_count_at_the_end_of_the_day() -> None:
    trades = [buy(A, date(2026, 1, 5), "10", "100"), buy(B, date(2026, 1, 7), "1", "50")]
    prices = {A: [(date(2026, 1, 6), D("110")), (date(2026, 1, 8), D("99"))]}
    series = value_series(trades, prices)
    assert series == [
        DayValue(date(2026, 1, 5), D("1000"), D("1000")),
        DayValue(date(2026, 1, 6), D("1100"), D("0")),
        DayValue(date(2026, 1, 7), D("1150"), D("50")),  # A still at 110
        DayValue(date(2026, 1, 8), D("1040"), D("0")),  # B still at 50
    ]
    returns = [r for _, r in daily_returns(series)]
    assert returns == [D(0), D("0.1"), D(0), D("1040") / D("1150") - 1]


def test_a_sale_of_everything_and_a_later_return_to_the_market() -> None:
    trades = [
        buy(A, date(2026, 1, 5), "10", "100"),
        sell(A, date(2026, 1, 6), "10", "105"),  # out at the day's price: +5 %
        buy(A, date(2026, 1, 9), "2", "120"),  # into an empty account: counted at the start
    ]
    prices = {A: [(date(2026, 1, 7), D("90")), (date(2026, 1, 9), D("126"))]}
    series = value_series(trades, prices)
    returns = dict(daily_returns(series))
    assert returns[date(2026, 1, 6)] == D("0.05")
    assert date(2026, 1, 7) not in returns  # nothing invested, nothing put in
    assert returns[date(2026, 1, 9)] == D("252") / D("240") - 1
    figures = figures_of(series)
    assert figures.observations == 3
    assert figures.time_weighted_return == (D("1.05") * D("1.05") - 1).quantize(D("1e-12"))
    assert figures.max_drawdown == D(0)
    assert figures.reason is None


def test_too_short_a_series_is_null_with_its_reason() -> None:
    assert figures_of([]).reason == "no_trades"
    one = figures_of(value_series([buy(A, date(2026, 1, 5), "1", "10", fee="0.01")], {}))
    assert (one.observations, one.reason, one.sharpe) == (1, "too_few_returns", None)
    assert one.time_weighted_return == (D("10") / D("10.01") - 1).quantize(D("1e-12"))


def test_currencies_are_sections_of_their_own() -> None:
    usd = valued(
        instrument_id=A,
        symbol="AAA",
        currency="USD",
        quantity=D("3"),
        average_cost=D("10.005"),
        cost_basis=D("30.015"),
        realized_pnl=D(0),
        last_price=D("11.10"),
    )
    inr = valued(
        instrument_id=B,
        symbol="BBB",
        currency="INR",
        quantity=D("2"),
        average_cost=D("100"),
        cost_basis=D("200"),
        realized_pnl=D("5"),
        last_price=D("90"),
    )
    found = sections([usd, inr], [], {})
    assert [(s.currency, s.market_value, s.unrealized_pnl) for s in found] == [
        ("INR", D("180.00"), D("-20.00")),
        ("USD", D("33.30"), D("3.28")),  # 33.30 - 30.015 = 3.285, half-even
    ]


def test_extreme_returns_are_figures_not_errors() -> None:
    points = [
        DayValue(date(2026, 1, 5), D("0.01"), D("0.01")),
        DayValue(date(2026, 1, 6), D("1e20"), D(0)),
        DayValue(date(2026, 1, 7), D("1e-6"), D(0)),
    ]
    figures = figures_of(points)
    assert figures.reason is None
    assert figures.time_weighted_return is not None
    assert figures.time_weighted_return < 0  # 0.01 became 0.000001
    assert figures.sortino is not None
