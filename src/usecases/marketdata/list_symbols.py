"""Use case: the supported symbols by symbol, a page at a time, with their grid, status and
whether their session is open now; anyone signed in."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import Page, PageRequest
from usecases.marketdata.access import reader
from usecases.trading.public.listings import Listing, Listings


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSymbols:
    actor: Actor
    page: PageRequest


class ListSymbolsHandler:
    def __init__(self, listings: Listings, clock: Clock) -> None:
        self._listings = listings
        self._clock = clock

    async def execute(self, cmd: ListSymbols) -> Page[Listing]:
        reader(cmd.actor)
        return await self._listings.page(cmd.page, self._clock.now())
