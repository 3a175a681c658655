"""The 24-hour figures of a symbol, from its one-minute candles of the last day: open (the
first candle's open), high, low, volume and trade count over the window, the last price (the
latest trade's, however old) and the change from the open to the last price, in the
currency and in percent (two decimals, half-even)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from domain.marketdata.candles import Candle, Interval

WINDOW: Final = timedelta(hours=24)
PERCENT_PLACES: Final = Decimal("0.01")


def window_start(now: datetime) -> datetime:
    """The open time of the first one-minute candle inside the last 24 hours."""
    return Interval.M1.bucket(now - WINDOW) + Interval.M1.length


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """What a day's candles sum to."""

    open: Decimal
    high: Decimal
    low: Decimal
    volume: Decimal
    trades: int

    @classmethod
    def of(cls, candles: Iterable[Candle]) -> Window | None:
        ordered = sorted(candles, key=lambda c: c.open_time)
        if not ordered:
            return None
        return cls(
            open=ordered[0].open,
            high=max(c.high for c in ordered),
            low=min(c.low for c in ordered),
            volume=sum((c.volume for c in ordered), Decimal(0)),
            trades=sum(c.trades for c in ordered),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class DayStatistics:
    symbol: str
    last: Decimal | None
    open: Decimal | None
    high: Decimal | None
    low: Decimal | None
    volume: Decimal
    trades: int
    change: Decimal | None
    change_percent: Decimal | None

    @classmethod
    def of(cls, symbol: str, window: Window | None, last: Decimal | None) -> DayStatistics:
        if window is None:
            return cls(
                symbol=symbol,
                last=last,
                open=None,
                high=None,
                low=None,
                volume=Decimal(0),
                trades=0,
                change=None,
                change_percent=None,
            )
        close = window.open if last is None else last
        change = close - window.open
        percent = (change * 100 / window.open).quantize(PERCENT_PLACES, ROUND_HALF_EVEN)
        return cls(
            symbol=symbol,
            last=close,
            open=window.open,
            high=window.high,
            low=window.low,
            volume=window.volume,
            trades=window.trades,
            change=change,
            change_percent=percent,
        )
