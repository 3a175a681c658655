"""What the market-data use cases need: the candles and the projector's cursor on one unit of
work (the candles a round makes and the position it reached commit together), and the claim
that makes one projector round run at a time across processes."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from domain.marketdata.candles import Candle, Interval
from domain.marketdata.statistics import Window
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.unit_of_work import UnitOfWork
from usecases.trading.public.trade_log import LogPosition

CandleKey = tuple[str, Interval, datetime]  # symbol, interval, open time


@dataclass(frozen=True, slots=True, kw_only=True)
class CandleRange:
    symbol: str
    interval: Interval
    start: datetime  # open times from here (inclusive)
    end: datetime  # to here (exclusive)


class Candles(Protocol):
    async def get_many(self, keys: Collection[CandleKey]) -> dict[CandleKey, Candle]:
        """The stored ones of these candles (one read), locked until the commit."""
        ...

    async def save_all(self, candles: Sequence[Candle]) -> None:
        """Insert or replace each candle (one statement)."""
        ...

    async def page(self, where: CandleRange, page: PageRequest) -> Page[Candle]:
        """The range's candles by open time, oldest first."""
        ...

    async def windows(self, symbols: Collection[str], since: datetime) -> dict[str, Window]:
        """What each symbol's one-minute candles opened at or after ``since`` sum to (symbols
        without any are left out)."""
        ...

    async def last_prices(self, symbols: Collection[str]) -> dict[str, Decimal]:
        """The close of each symbol's latest candle: its last trade's price."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectorState:
    position: LogPosition
    trades: int  # projected so far
    updated_at: datetime | None


class ProjectorCursors(Protocol):
    async def get(self, name: str) -> ProjectorState:
        """The projector's state (the log's start when it never ran)."""
        ...

    async def save(self, name: str, state: ProjectorState) -> None: ...


class MarketDataUnitOfWork(UnitOfWork, Protocol):
    @property
    def candles(self) -> Candles: ...

    @property
    def cursors(self) -> ProjectorCursors: ...

    async def claim(self, name: str) -> bool:
        """Whether this transaction holds the ``name`` job's lock (taken at once or not at
        all, held until the transaction ends): one round at a time across processes."""
        ...
