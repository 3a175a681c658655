"""The symbols of the listed instruments, for contexts that accept a symbol from a client (the
market-data feed refuses a subscription to a symbol trading does not list)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from domain.shared.pagination import MAX_LIMIT, PageRequest
from usecases.trading.ports import TradingUnitOfWork


class ListedSymbols(Protocol):
    async def symbols(self) -> frozenset[str]:
        """Every listed instrument's symbol, halted ones included (they keep their feed)."""
        ...


class TradingListedSymbols:
    def __init__(self, uow: Callable[[], TradingUnitOfWork]) -> None:
        self._uow = uow

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
