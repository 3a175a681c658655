"""Candles: aligned UTC buckets, how a trade opens and updates one, and (hypothesis) that the
candles of any arrival order of the trades, counted a round at a time, equal the candles
recomputed from all of them, with high >= open, close >= low."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.marketdata.candles import Candle, Interval, Print, candles_of, counted

D = Decimal
T0 = datetime(2026, 12, 1, 15, 37, 42, 500000, tzinfo=UTC)


def trade(price: str, at: datetime, quantity: str = "1", symbol: str = "AAPL") -> Print:
    return Print(symbol=symbol, price=D(price), quantity=D(quantity), time=at)


@pytest.mark.parametrize(
    ("interval", "start"),
    [
        (Interval.M1, datetime(2026, 12, 1, 15, 37, tzinfo=UTC)),
        (Interval.M5, datetime(2026, 12, 1, 15, 35, tzinfo=UTC)),
        (Interval.H1, datetime(2026, 12, 1, 15, 0, tzinfo=UTC)),
        (Interval.D1, datetime(2026, 12, 1, tzinfo=UTC)),
    ],
)
def test_a_bucket_is_aligned_on_utc(interval: Interval, start: datetime) -> None:
    assert interval.bucket(T0) == start
    assert interval.bucket(start) == start  # a bucket's first instant is in it
    assert interval.bucket(start - timedelta(microseconds=1)) == start - interval.length


def test_a_bucket_of_another_zone_is_the_utc_one() -> None:
    new_york = T0.astimezone(timezone(timedelta(hours=-5)))
    assert Interval.D1.bucket(new_york) == datetime(2026, 12, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="aware"):
        Interval.M1.bucket(datetime(2026, 12, 1))  # noqa: DTZ001 (the refused naive time)


def test_the_first_trade_opens_and_the_next_ones_update() -> None:
    candle = Candle.opened(Interval.M1, trade("100.00", T0, "2"))
    assert (candle.open, candle.high, candle.low, candle.close) == (D(100),) * 4
    assert (candle.volume, candle.trades, candle.open_time) == (D(2), 1, Interval.M1.bucket(T0))
    assert candle.close_time == candle.open_time + timedelta(minutes=1)
    candle = candle.with_trade(trade("101.50", T0 + timedelta(seconds=1), "0.5"))
    candle = candle.with_trade(trade("99.25", T0 + timedelta(seconds=2)))
    assert (candle.open, candle.high, candle.low, candle.close) == (
        D("100.00"),
        D("101.50"),
        D("99.25"),
        D("99.25"),
    )
    assert (candle.volume, candle.trades) == (D("3.5"), 3)
    assert not candle.closed(T0)
    assert candle.closed(candle.close_time)


def test_a_late_arriving_earlier_trade_becomes_the_open() -> None:
    later = Candle.opened(Interval.M1, trade("100.00", T0))
    candle = later.with_trade(trade("98.00", T0 - timedelta(seconds=5)))
    assert (candle.open, candle.close, candle.low) == (D(98), D(100), D(98))


def test_a_trade_of_another_bucket_or_symbol_is_refused() -> None:
    candle = Candle.opened(Interval.M1, trade("100.00", T0))
    with pytest.raises(ValueError, match="bucket"):
        candle.with_trade(trade("100.00", T0 + timedelta(minutes=1)))
    with pytest.raises(ValueError, match="symbol"):
        candle.with_trade(trade("100.00", T0, symbol="MSFT"))


prices = st.integers(min_value=1, max_value=100_000).map(lambda n: D(n) / 100)
quantities = st.integers(min_value=1, max_value=10_000).map(lambda n: D(n) / 10)
# distinct times within three hours, to the microsecond: open and close are unambiguous
offsets = st.lists(
    st.integers(min_value=0, max_value=3 * 3600 * 10**6), min_size=1, max_size=60, unique=True
)


@st.composite
def trades(draw: st.DrawFn) -> list[Print]:
    times = draw(offsets)
    return [
        Print(
            symbol=draw(st.sampled_from(["AAPL", "BTC-USD"])),
            price=draw(prices),
            quantity=draw(quantities),
            time=T0 + timedelta(microseconds=t),
        )
        for t in times
    ]


@settings(max_examples=200, deadline=None)
@given(trades(), st.randoms(use_true_random=False), st.integers(min_value=1, max_value=10))
def test_candles_of_any_arrival_order_in_rounds_equal_a_recomputation(
    prints: list[Print], shuffle: object, batch: int
) -> None:
    arrival = list(prints)
    shuffle.shuffle(arrival)  # type: ignore[attr-defined]
    for interval in Interval:
        kept: dict[tuple[str, datetime], Candle] = {}  # what the table holds between rounds
        for first in range(0, len(arrival), batch):
            for p in arrival[first : first + batch]:
                key = (p.symbol, interval.bucket(p.time))
                kept[key] = counted(kept.get(key), interval, p)
        by_time = sorted(prints, key=lambda p: p.time)
        assert kept == candles_of(by_time, interval)
        for candle in kept.values():
            assert candle.high >= max(candle.open, candle.close)
            assert candle.low <= min(candle.open, candle.close)
            mine = [
                p
                for p in by_time
                if (p.symbol, interval.bucket(p.time)) == (candle.symbol, candle.open_time)
            ]
            assert (candle.open, candle.close) == (mine[0].price, mine[-1].price)
            assert candle.volume == sum((p.quantity for p in mine), D(0))
            assert candle.trades == len(mine)
