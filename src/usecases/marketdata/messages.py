"""The JSON of the feed's ``ticker`` and ``candles`` messages (MD_DESIGN shapes, documented in
docs/market-data.md): decimals as strings in the instrument's places, times ISO 8601 UTC with
Z, nulls where a figure is unknown."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from domain.marketdata.candles import Candle
from domain.marketdata.statistics import DayStatistics


def decimal_text(value: Decimal | None, places: int) -> str | None:
    if value is None:
        return None
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def time_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def candle_message(
    candle: Candle, price_places: int, quantity_places: int, now: datetime
) -> dict[str, Any]:
    return {
        "symbol": candle.symbol,
        "interval": candle.interval.value,
        "open_time": time_text(candle.open_time),
        "close_time": time_text(candle.close_time),
        "open": decimal_text(candle.open, price_places),
        "high": decimal_text(candle.high, price_places),
        "low": decimal_text(candle.low, price_places),
        "close": decimal_text(candle.close, price_places),
        "volume": decimal_text(candle.volume, quantity_places),
        "trades": candle.trades,
        "closed": candle.closed(now),
    }


def ticker_message(
    day: DayStatistics,
    best_bid: str | None,
    best_ask: str | None,
    price_places: int,
    quantity_places: int,
    now: datetime,
) -> dict[str, Any]:
    return {
        "symbol": day.symbol,
        "last": decimal_text(day.last, price_places),
        "best_bid": best_bid,
        "best_ask": best_ask,
        "open_24h": decimal_text(day.open, price_places),
        "high_24h": decimal_text(day.high, price_places),
        "low_24h": decimal_text(day.low, price_places),
        "volume_24h": decimal_text(day.volume, quantity_places),
        "change_24h": decimal_text(day.change, price_places),
        "change_percent_24h": decimal_text(day.change_percent, 2),
        "time": time_text(now),
    }
