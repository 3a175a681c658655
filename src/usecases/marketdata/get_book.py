"""Use case: a symbol's order book aggregated by price, the best ``depth`` levels a side, as
the instrument's matcher holds it after its last committed batch (trading's ``Listings``
port: the owner's book wherever it runs, every level it has, not a copy that may be behind);
anyone signed in."""

from __future__ import annotations

from dataclasses import dataclass

from domain.marketdata.errors import SymbolNotFound
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.marketdata.access import reader
from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.views import BookView
from usecases.trading.public.listings import Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetBook:
    actor: Actor
    symbol: str
    depth: int


class GetBookHandler:
    def __init__(self, listings: Listings, clock: Clock, config: MarketDataConfig) -> None:
        self._listings = listings
        self._clock = clock
        self._config = config

    async def execute(self, cmd: GetBook) -> BookView:
        reader(cmd.actor)
        if not 1 <= cmd.depth <= self._config.max_book_depth:
            raise invalid_field("depth", f"must be between 1 and {self._config.max_book_depth}")
        now = self._clock.now()
        book = await self._listings.book(cmd.symbol, cmd.depth, now)
        if book is None:
            raise SymbolNotFound(cmd.symbol)
        return BookView(book=book, at=now)
