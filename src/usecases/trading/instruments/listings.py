"""Trading's ``Listings`` port (``usecases.trading.public.listings``): the instruments as other
contexts see them, and a book's best levels a side from the instrument's matcher (the same
answer as the book-depth route: the owner's book after its last committed batch)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from domain.shared.pagination import MAX_LIMIT, Page, PageRequest
from domain.trading.instrument import Instrument, places
from domain.trading.terms import Side
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import BookLevel, Look
from usecases.trading.ports import TradingUnitOfWork
from usecases.trading.public.listings import BookSnapshot, DepthLevel, Listing


def listing(instrument: Instrument, at: datetime) -> Listing:
    return Listing(
        symbol=instrument.symbol,
        name=instrument.name,
        asset_class=instrument.asset_class.value,
        currency=instrument.currency,
        tick_size=instrument.tick_size,
        lot_size=instrument.lot_size,
        price_places=places(instrument.tick_size),
        quantity_places=instrument.quantity_places,
        status=instrument.status.value,
        trading_hours=instrument.trading_hours,
        open_now=instrument.hours.is_open(at),
    )


def _levels(levels: list[BookLevel]) -> list[DepthLevel]:
    return [DepthLevel(price=v.price, quantity=v.quantity, orders=v.orders) for v in levels]


class TradingListings:
    def __init__(self, uow: Callable[[], TradingUnitOfWork], matcher: Matcher) -> None:
        self._uow = uow
        self._matcher = matcher

    async def page(self, page: PageRequest, at: datetime) -> Page[Listing]:
        async with self._uow() as uow:
            found = await uow.instruments.page(page)
        return Page(items=[listing(i, at) for i in found.items], next_cursor=found.next_cursor)

    async def of_symbols(self, symbols: Collection[str], at: datetime) -> dict[str, Listing]:
        if not symbols:
            return {}
        async with self._uow() as uow:
            found = await uow.instruments.by_symbols(symbols)
        return {symbol: listing(instrument, at) for symbol, instrument in found.items()}

    async def symbols(self) -> frozenset[str]:
        found: set[str] = set()
        cursor: str | None = None
        async with self._uow() as uow:
            while True:
                page = await uow.instruments.page(PageRequest(limit=MAX_LIMIT, cursor=cursor))
                found.update(instrument.symbol for instrument in page.items)
                if page.next_cursor is None:
                    return frozenset(found)
                cursor = page.next_cursor

    async def book(self, symbol: str, levels: int, at: datetime) -> BookSnapshot | None:
        async with self._uow() as uow:
            instrument = await uow.instruments.by_symbol(symbol)
        if instrument is None:
            return None
        both: list[BookLevel] = await self._matcher.submit(  # one request, both sides
            instrument.id, Look(side=None, levels=levels)
        )
        bids = [v for v in both if v.side is Side.BUY]
        asks = [v for v in both if v.side is Side.SELL]
        return BookSnapshot(listing=listing(instrument, at), bids=_levels(bids), asks=_levels(asks))
