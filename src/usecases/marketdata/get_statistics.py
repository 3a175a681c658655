"""Use case: a symbol's figures over the last 24 hours (open, high, low, last, volume, trade
count, change and change percent) from its one-minute candles; anyone signed in."""

from __future__ import annotations

from dataclasses import dataclass

from domain.marketdata.errors import SymbolNotFound
from domain.marketdata.statistics import DayStatistics, window_start
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.marketdata.access import reader
from usecases.marketdata.ports import MarketDataUnitOfWork
from usecases.marketdata.views import StatisticsView
from usecases.trading.public.listings import Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetStatistics:
    actor: Actor
    symbol: str


class GetStatisticsHandler:
    def __init__(self, uow: MarketDataUnitOfWork, listings: Listings, clock: Clock) -> None:
        self._uow = uow
        self._listings = listings
        self._clock = clock

    async def execute(self, cmd: GetStatistics) -> StatisticsView:
        reader(cmd.actor)
        now = self._clock.now()
        listing = (await self._listings.of_symbols([cmd.symbol], now)).get(cmd.symbol)
        if listing is None:
            raise SymbolNotFound(cmd.symbol)
        since = window_start(now)
        async with self._uow as uow:
            window = (await uow.candles.windows([cmd.symbol], since)).get(cmd.symbol)
            last = (await uow.candles.last_prices([cmd.symbol])).get(cmd.symbol)
        day = DayStatistics.of(cmd.symbol, window, last)
        return StatisticsView(listing=listing, day=day, window_start=since, at=now)
