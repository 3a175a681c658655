"""Use case: the health of market data: the simulator's and the projector's heartbeats, how
many trades the projector has still to count, whether the feed bus answers, and how many
symbols are listed and open; anyone signed in. A status reports, it never fails: a part that
cannot be read is reported as such."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Final

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import PageRequest
from usecases.marketdata.access import reader
from usecases.marketdata.ports import MarketDataUnitOfWork
from usecases.marketdata.projector.project_candles import PROJECTOR
from usecases.marketdata.views import MarketStatusView, ProjectorView
from usecases.shared.ports.feed import FeedBus
from usecases.system.public import Heartbeats
from usecases.trading.public.listings import Listings
from usecases.trading.public.trade_log import TradeLog

SIMULATOR: Final = "market-simulator"
LAG_CAP: Final = 10_000  # the lag is counted up to this many trades
FEED_TIMEOUT: Final = 2.0  # seconds the feed bus has to answer
MAX_SYMBOL_PAGES: Final = 10  # symbols counted: up to 2,000


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMarketStatus:
    actor: Actor


class GetMarketStatusHandler:
    def __init__(
        self,
        uow: MarketDataUnitOfWork,
        trades: TradeLog,
        listings: Listings,
        heartbeats: Heartbeats,
        feed: FeedBus,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._log = trades
        self._listings = listings
        self._heartbeats = heartbeats
        self._feed = feed
        self._clock = clock

    async def execute(self, cmd: GetMarketStatus) -> MarketStatusView:
        reader(cmd.actor)
        now = self._clock.now()
        async with self._uow as uow:
            projected = await uow.cursors.get(PROJECTOR)
        lag = await self._log.behind(projected.position, LAG_CAP)
        symbols = opened = 0
        cursor: str | None = None
        for _ in range(MAX_SYMBOL_PAGES):
            page = await self._listings.page(PageRequest(200, cursor), now)
            symbols += len(page.items)
            opened += sum(1 for s in page.items if s.open_now and s.status == "active")
            cursor = page.next_cursor
            if cursor is None:
                break
        return MarketStatusView(
            simulator=await self._heartbeats.state(SIMULATOR),
            projector=ProjectorView(
                state=await self._heartbeats.state(PROJECTOR),
                lag_trades=lag,
                lag_capped=lag >= LAG_CAP,
                projected_trades=projected.trades,
                last_round_at=projected.updated_at,
            ),
            feed_reachable=await self._feed_answers(),
            symbols=symbols,
            open_symbols=opened,
            at=now,
        )

    async def _feed_answers(self) -> bool:
        try:
            await asyncio.wait_for(self._feed.latest("ticker", "status-probe"), FEED_TIMEOUT)
        except Exception:  # a status reports the bus as unreachable, whatever the cause
            return False
        return True
