"""What the market-data read use cases return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.marketdata.candles import Candle
from domain.marketdata.statistics import DayStatistics
from domain.shared.pagination import Page
from usecases.system.public import ProcessState
from usecases.trading.public.listings import BookSnapshot, Listing


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceView:
    listing: Listing
    last: Decimal | None
    bid: Decimal | None
    ask: Decimal | None
    change_24h: Decimal | None
    change_percent_24h: Decimal | None
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CandlesView:
    listing: Listing
    page: Page[Candle]
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class BookView:
    book: BookSnapshot
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StatisticsView:
    listing: Listing
    day: DayStatistics
    window_start: datetime
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectorView:
    state: ProcessState
    lag_trades: int  # trades in the log not projected yet (counted up to a cap)
    lag_capped: bool  # the lag is at least ``lag_trades``
    projected_trades: int
    last_round_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketStatusView:
    simulator: ProcessState
    projector: ProjectorView
    feed_reachable: bool
    symbols: int
    open_symbols: int
    at: datetime
