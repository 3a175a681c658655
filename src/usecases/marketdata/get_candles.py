"""Use case: a symbol's candles of one interval whose open time lies in a range, oldest first,
a page at a time (the range checked: aware times, the end after the start, at most the
configured number of candles); anyone signed in. A bucket without trades has no candle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.marketdata.candles import Interval
from domain.marketdata.errors import SymbolNotFound
from domain.marketdata.ranges import TimeRange
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import PageRequest
from usecases.marketdata.access import reader
from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.ports import CandleRange, MarketDataUnitOfWork
from usecases.marketdata.views import CandlesView
from usecases.trading.public.listings import Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetCandles:
    actor: Actor
    symbol: str
    interval: Interval
    start: datetime | None
    end: datetime | None
    page: PageRequest


class GetCandlesHandler:
    def __init__(
        self,
        uow: MarketDataUnitOfWork,
        listings: Listings,
        clock: Clock,
        config: MarketDataConfig,
    ) -> None:
        self._uow = uow
        self._listings = listings
        self._clock = clock
        self._config = config

    async def execute(self, cmd: GetCandles) -> CandlesView:
        reader(cmd.actor)
        now = self._clock.now()
        span = TimeRange.asked(
            cmd.interval, cmd.start, cmd.end, now, self._config.max_candle_points
        )
        listing = (await self._listings.of_symbols([cmd.symbol], now)).get(cmd.symbol)
        if listing is None:
            raise SymbolNotFound(cmd.symbol)
        where = CandleRange(
            symbol=cmd.symbol, interval=cmd.interval, start=span.start, end=span.end
        )
        async with self._uow as uow:
            page = await uow.candles.page(where, cmd.page)
        return CandlesView(listing=listing, page=page, at=now)
