"""The candle projector as a background job (``meridian worker`` and the embedded worker):
a round whenever the feed bus carries a ``trades`` message (a wake-up only: the trades
themselves are read from trading's trade log), or a ``level2`` message that changes a book's
best prices, and at least every ``MARKET_DATA_PROJECTOR_POLL_SECONDS`` whatever the bus does.
Each round the process that claims it projects, publishes the candles and tickers and beats
the ``market-data-projector`` heartbeat; a process that does not claim it waits for the next."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any, Final

from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.projector.project_candles import (
    PROJECTOR,
    ProjectCandles,
    ProjectCandlesHandler,
)
from usecases.marketdata.projector.publish_market_data import (
    PublishMarketData,
    PublishMarketDataHandler,
    best,
)
from usecases.shared.ports.feed import FeedBus, FeedMessage
from usecases.system.public import Heartbeats

log = logging.getLogger("meridian.marketdata.projector")

RELISTEN_SECONDS: Final = 1.0  # after the bus's subscription failed
Best = tuple[str | None, str | None]


class ProjectorJob:
    def __init__(
        self,
        resolve: Callable[[type[Any]], Any],
        feed: FeedBus,
        heartbeats: Heartbeats,
        config: MarketDataConfig,
    ) -> None:
        self._resolve = resolve
        self._feed = feed
        self._heartbeats = heartbeats
        self._config = config
        self._wake = asyncio.Event()
        self._books: set[str] = set()  # symbols whose best prices changed since the last round
        self._best: dict[str, Best] = {}  # as the last ticker published them

    async def run(self, stop: asyncio.Event) -> None:
        listener = asyncio.create_task(self._listen(stop), name="market-data-projector-listen")
        try:
            while not stop.is_set():
                self._wake.clear()
                more = False
                try:
                    more = await self.round()
                except Exception:
                    log.exception("market-data projector round failed")
                if more:
                    continue
                stopped = asyncio.create_task(stop.wait())
                woken = asyncio.create_task(self._wake.wait())
                await asyncio.wait(
                    {stopped, woken},
                    timeout=self._config.projector_poll_seconds,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                stopped.cancel()
                woken.cancel()
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    async def round(self) -> bool:
        """One round; whether the log may hold more trades at once."""
        project: ProjectCandlesHandler = self._resolve(ProjectCandlesHandler)
        projected = await project.execute(ProjectCandles())
        if not projected.claimed:
            return False
        await self._heartbeats.beat(PROJECTOR)
        books, self._books = self._books, set()
        symbols = {t.symbol for t in projected.trades} | books
        if symbols:
            publish: PublishMarketDataHandler = self._resolve(PublishMarketDataHandler)
            published = await publish.execute(
                PublishMarketData(candles=projected.candles, symbols=symbols)
            )
            for symbol, ticker in published.tickers.items():
                self.published(symbol, (ticker["best_bid"], ticker["best_ask"]))
        return len(projected.trades) >= self._config.projector_batch

    @property
    def woken(self) -> bool:
        """A round is due before the next poll."""
        return self._wake.is_set()

    @property
    def books(self) -> frozenset[str]:
        """The symbols whose ticker the next round publishes for a change of best prices."""
        return frozenset(self._books)

    def published(self, symbol: str, best_prices: Best) -> None:
        """The best bid and ask the symbol's last ticker carried."""
        self._best[symbol] = best_prices

    def heard(self, message: FeedMessage) -> None:
        """A message of the bus: trades wake the projector, a change of best prices too."""
        if message.channel == "trades":
            self._wake.set()
        elif message.channel == "level2":
            now = (best(message.state, "bids"), best(message.state, "asks"))
            if message.state is None or self._best.get(message.key) != now:
                self._books.add(message.key)
                self._wake.set()

    async def _listen(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                async with self._feed.listen() as messages:
                    async for message in messages:
                        self.heard(message)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("market-data projector lost the feed bus; polling meanwhile")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=RELISTEN_SECONDS)
