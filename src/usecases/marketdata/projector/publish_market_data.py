"""Use case: after a projector round (or a change of a book's best prices), publish on the
feed the candles the round wrote (``candles``, the current one of each touched interval, and
before it the stream's previous candle again, closed, when a new bucket started since it was
published open) and the ``ticker`` of each symbol asked: the last
price and the 24-hour figures from the stored candles, the best bid and ask from the latest
``level2`` state on the bus. Publishing happens after the round's commit and never inside a
transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.marketdata.candles import Candle
from domain.marketdata.statistics import DayStatistics, window_start
from domain.shared.clock import Clock
from usecases.marketdata.messages import candle_message, ticker_message
from usecases.marketdata.ports import MarketDataUnitOfWork
from usecases.shared.ports.feed import FeedBus, FeedPublication
from usecases.trading.public.listings import Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishMarketData:
    candles: Sequence[Candle] = ()
    symbols: Collection[str] = ()  # whose ticker to publish


@dataclass(frozen=True, slots=True, kw_only=True)
class Published:
    tickers: dict[str, dict[str, Any]] = field(default_factory=dict)  # by symbol
    candles: int = 0


def best(state: Any, side: str) -> str | None:
    """The best price of a ``level2`` state's side, as it was sent."""
    if not isinstance(state, dict):
        return None
    levels = state.get(side)
    if isinstance(levels, list) and levels and isinstance(levels[0], list) and levels[0]:
        price = levels[0][0]
        return price if isinstance(price, str) else None
    return None


class PublishMarketDataHandler:
    def __init__(
        self, uow: MarketDataUnitOfWork, listings: Listings, feed: FeedBus, clock: Clock
    ) -> None:
        self._uow = uow
        self._listings = listings
        self._feed = feed
        self._clock = clock

    async def _closing(self, key: str, opening: str) -> dict[str, Any] | None:
        """The stream's last candle, closed, when it is older than ``opening`` and was last
        published open (its bucket ended in a round that did not touch it)."""
        latest = await self._feed.latest("candles", key)
        state = None if latest is None else latest.state
        if not isinstance(state, dict) or state.get("closed") is not False:
            return None
        if not isinstance(state.get("open_time"), str) or state["open_time"] >= opening:
            return None
        return {**state, "closed": True}

    async def execute(self, cmd: PublishMarketData) -> Published:
        now = self._clock.now()
        symbols = set(cmd.symbols) | {c.symbol for c in cmd.candles}
        if not symbols:
            return Published()
        listed = await self._listings.of_symbols(sorted(symbols), now)
        async with self._uow as uow:
            windows = await uow.candles.windows(list(symbols), window_start(now))
            last = await uow.candles.last_prices(list(symbols))
        publications: list[FeedPublication] = []
        ended: set[str] = set()  # streams whose open candle was closed here
        for candle in sorted(cmd.candles, key=lambda c: (c.open_time, c.symbol, c.interval)):
            listing = listed.get(candle.symbol)
            if listing is None:
                continue
            data = candle_message(candle, listing.price_places, listing.quantity_places, now)
            key = f"{candle.symbol}:{candle.interval}"
            if key not in ended:
                ended.add(key)
                closing = await self._closing(key, data["open_time"])
                if closing is not None:
                    publications.append(FeedPublication("candles", key, closing, closing))
            publications.append(FeedPublication("candles", key, data, data))
        tickers: dict[str, dict[str, Any]] = {}
        for symbol in sorted(symbols):
            listing = listed.get(symbol)
            if listing is None:
                continue
            book = await self._feed.latest("level2", symbol)
            state = None if book is None else book.state
            day = DayStatistics.of(symbol, windows.get(symbol), last.get(symbol))
            tickers[symbol] = ticker_message(
                day,
                best(state, "bids"),
                best(state, "asks"),
                listing.price_places,
                listing.quantity_places,
                now,
            )
            publications.append(FeedPublication("ticker", symbol, tickers[symbol], tickers[symbol]))
        if publications:
            await self._feed.publish(publications)
        return Published(tickers=tickers, candles=len(cmd.candles))
