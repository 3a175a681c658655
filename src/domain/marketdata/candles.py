"""Candles: the trades of one symbol in one aligned UTC bucket of an interval (1m, 5m, 1h,
1d), as open, high, low, close, volume and trade count.

A trade opens the candle of its bucket when it is the first; after that it raises the high,
lowers the low, adds its quantity to the volume and one to the count. The open is the price
of the earliest trade by time and the close that of the latest (a tie keeps the one that came
first for the open, the one that came last for the close), so the candle does not depend on
the order in which the trades arrive: trades of concurrent batches that commit out of time
order give the candle a recomputation from all of them gives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final

EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


class Interval(StrEnum):
    M1 = "1m"
    M5 = "5m"
    H1 = "1h"
    D1 = "1d"

    @property
    def length(self) -> timedelta:
        return _LENGTHS[self]

    def bucket(self, at: datetime) -> datetime:
        """The start of the bucket holding ``at`` (aligned on UTC midnight, aware UTC)."""
        if at.tzinfo is None:
            raise ValueError("a candle's time is aware")
        elapsed = at.astimezone(UTC) - EPOCH
        return EPOCH + (elapsed // self.length) * self.length


_LENGTHS: Final = {
    Interval.M1: timedelta(minutes=1),
    Interval.M5: timedelta(minutes=5),
    Interval.H1: timedelta(hours=1),
    Interval.D1: timedelta(days=1),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Print:
    """One trade as market data sees it."""

    symbol: str
    price: Decimal
    quantity: Decimal
    time: datetime  # aware UTC


@dataclass(frozen=True, slots=True, kw_only=True)
class Candle:
    symbol: str
    interval: Interval
    open_time: datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    trades: int
    first_trade_at: datetime
    last_trade_at: datetime

    @property
    def close_time(self) -> datetime:
        """The end of the bucket (exclusive)."""
        return self.open_time + self.interval.length

    def closed(self, now: datetime) -> bool:
        return now >= self.close_time

    @classmethod
    def opened(cls, interval: Interval, trade: Print) -> Candle:
        return cls(
            symbol=trade.symbol,
            interval=interval,
            open_time=interval.bucket(trade.time),
            open=trade.price,
            high=trade.price,
            low=trade.price,
            close=trade.price,
            volume=trade.quantity,
            trades=1,
            first_trade_at=trade.time,
            last_trade_at=trade.time,
        )

    def with_trade(self, trade: Print) -> Candle:
        """This candle with ``trade`` (of its symbol and bucket) counted."""
        if trade.symbol != self.symbol or self.interval.bucket(trade.time) != self.open_time:
            raise ValueError("a trade counts in the candle of its symbol and bucket")
        earlier = trade.time < self.first_trade_at
        later = trade.time >= self.last_trade_at
        return replace(
            self,
            open=trade.price if earlier else self.open,
            first_trade_at=trade.time if earlier else self.first_trade_at,
            close=trade.price if later else self.close,
            last_trade_at=trade.time if later else self.last_trade_at,
            high=max(self.high, trade.price),
            low=min(self.low, trade.price),
            volume=self.volume + trade.quantity,
            trades=self.trades + 1,
        )


def counted(candle: Candle | None, interval: Interval, trade: Print) -> Candle:
    """``candle`` (None: the bucket has none yet) with ``trade`` counted."""
    return Candle.opened(interval, trade) if candle is None else candle.with_trade(trade)


def candles_of(trades: Iterable[Print], interval: Interval) -> dict[tuple[str, datetime], Candle]:
    """Every candle of ``interval`` the trades make, by (symbol, open time), from nothing."""
    built: dict[tuple[str, datetime], Candle] = {}
    for trade in trades:
        key = (trade.symbol, interval.bucket(trade.time))
        built[key] = counted(built.get(key), interval, trade)
    return built
