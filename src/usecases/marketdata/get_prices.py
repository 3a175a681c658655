"""Use case: the current prices of the asked symbols (at most the configured number, each
once, in the order asked): the last trade's price, the best bid and ask of the book as its
matcher holds it, and the change over 24 hours; a symbol nothing is listed as is refused by
name, all of them in one answer."""

from __future__ import annotations

from dataclasses import dataclass

from domain.marketdata.errors import NO_SYMBOLS, TOO_MANY_SYMBOLS, unknown_symbols
from domain.marketdata.statistics import DayStatistics, window_start
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.marketdata.access import reader
from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.ports import MarketDataUnitOfWork
from usecases.marketdata.views import PriceView
from usecases.trading.public.listings import Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPrices:
    actor: Actor
    symbols: tuple[str, ...]


class GetPricesHandler:
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

    async def execute(self, cmd: GetPrices) -> list[PriceView]:
        reader(cmd.actor)
        asked = list(dict.fromkeys(cmd.symbols))
        if not asked:
            raise invalid_field(
                "symbols", "name at least one symbol, e.g. AAPL,BTC-USD", code=NO_SYMBOLS
            )
        most = self._config.max_price_symbols
        if len(asked) > most:
            raise invalid_field(
                "symbols", f"at most {most} symbols at a time", code=TOO_MANY_SYMBOLS
            )
        now = self._clock.now()
        listed = await self._listings.of_symbols(asked, now)
        missing = [s for s in asked if s not in listed]
        if missing:
            raise unknown_symbols(missing)
        async with self._uow as uow:
            windows = await uow.candles.windows(asked, window_start(now))
            last = await uow.candles.last_prices(asked)
        prices: list[PriceView] = []
        for symbol in asked:
            book = await self._listings.book(symbol, 1, now)
            day = DayStatistics.of(symbol, windows.get(symbol), last.get(symbol))
            prices.append(
                PriceView(
                    listing=listed[symbol],
                    last=day.last,
                    bid=book.bids[0].price if book is not None and book.bids else None,
                    ask=book.asks[0].price if book is not None and book.asks else None,
                    change_24h=day.change,
                    change_percent_24h=day.change_percent,
                    at=now,
                )
            )
        return prices
