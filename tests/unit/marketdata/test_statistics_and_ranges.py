"""The 24-hour figures from candles, and the checks of an asked candle range (every refused
field named at once)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain.marketdata.candles import Candle, Interval, Print
from domain.marketdata.ranges import TimeRange
from domain.marketdata.statistics import DayStatistics, Window, window_start
from domain.shared.errors import ValidationFailed

D = Decimal
NOW = datetime(2026, 12, 1, 15, 37, 42, tzinfo=UTC)


def candle(at: datetime, *prices: str) -> Candle:
    built = Candle.opened(
        Interval.M1, Print(symbol="AAPL", price=D(prices[0]), quantity=D(1), time=at)
    )
    for i, price in enumerate(prices[1:], start=1):
        built = built.with_trade(
            Print(symbol="AAPL", price=D(price), quantity=D(1), time=at + timedelta(seconds=i))
        )
    return built


def test_the_figures_of_a_day() -> None:
    candles = [
        candle(NOW - timedelta(hours=2), "100.00", "104.00"),
        candle(NOW - timedelta(hours=20), "96.00", "95.00", "99.00"),
    ]
    window = Window.of(candles)
    assert window == Window(open=D(96), high=D(104), low=D(95), volume=D(5), trades=5)
    day = DayStatistics.of("AAPL", window, D("104.00"))
    assert (day.open, day.high, day.low, day.last) == (D(96), D(104), D(95), D(104))
    assert (day.change, day.change_percent) == (D(8), D("8.33"))


def test_a_quiet_day_has_the_last_price_and_no_change() -> None:
    day = DayStatistics.of("AAPL", None, D("101.00"))
    assert (day.last, day.open, day.change, day.change_percent, day.volume) == (
        D("101.00"),
        None,
        None,
        None,
        D(0),
    )


def test_the_window_starts_at_the_first_whole_minute_of_the_last_day() -> None:
    assert window_start(NOW) == datetime(2026, 11, 30, 15, 38, tzinfo=UTC)


def test_a_missing_range_is_the_last_candles_up_to_now() -> None:
    span = TimeRange.asked(Interval.M5, None, None, NOW, 10_000)
    assert span.end == datetime(2026, 12, 1, 15, 40, tzinfo=UTC)
    assert span.start == span.end - timedelta(minutes=5 * 200)


def test_every_refused_bound_is_named() -> None:
    with pytest.raises(ValidationFailed) as naive:
        TimeRange.asked(Interval.M1, datetime(2026, 12, 1), datetime(2026, 12, 2), NOW, 10)  # noqa: DTZ001
    assert [e.field for e in naive.value.errors] == ["start", "end"]
    with pytest.raises(ValidationFailed) as backwards:
        TimeRange.asked(Interval.M1, NOW, NOW - timedelta(minutes=1), NOW, 10)
    assert [(e.field, e.code) for e in backwards.value.errors] == [("end", "range_invalid")]
    with pytest.raises(ValidationFailed) as wide:
        TimeRange.asked(Interval.M1, NOW - timedelta(minutes=11), NOW, NOW, 10)
    assert [(e.field, e.code) for e in wide.value.errors] == [("end", "too_many_points")]
    assert TimeRange.asked(Interval.M1, NOW - timedelta(minutes=10), NOW, NOW, 10).end == NOW


def test_an_end_at_the_start_of_time_is_refused_not_overflowed() -> None:
    with pytest.raises(ValidationFailed) as early:
        TimeRange.asked(Interval.D1, None, datetime(1, 1, 2, tzinfo=UTC), NOW, 10_000)
    assert [(e.field, e.code) for e in early.value.errors] == [("end", "range_invalid")]


def test_a_time_past_the_calendar_in_utc_is_refused_by_name() -> None:
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14)))
    with pytest.raises(ValidationFailed) as refused:
        TimeRange.asked(Interval.D1, NOW, late, NOW, 10_000)
    assert [(e.field, e.code) for e in refused.value.errors] == [("end", "range_invalid")]
