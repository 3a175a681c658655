"""Trading's listings for other contexts: the instruments with their grid and whether their
session is open, and an instrument's aggregated book as its matcher holds it after the last
committed batch (the owner's book, wherever it runs; ``MatcherUnavailable`` when no owner
answered)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from domain.shared.pagination import Page, PageRequest
from domain.trading.errors import InstrumentNotFound, MatcherUnavailable

__all__ = [
    "BookSnapshot",
    "DepthLevel",
    "InstrumentNotFound",
    "Listing",
    "Listings",
    "MatcherUnavailable",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    symbol: str
    name: str
    asset_class: str  # stock, etf, bond, crypto
    currency: str
    tick_size: Decimal
    lot_size: Decimal
    price_places: int
    quantity_places: int
    status: str  # active, halted
    trading_hours: str  # the calendar's code (24x7, xnys...)
    open_now: bool  # its session is open (whatever its status)


@dataclass(frozen=True, slots=True, kw_only=True)
class DepthLevel:
    price: Decimal
    quantity: Decimal
    orders: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BookSnapshot:
    listing: Listing
    bids: list[DepthLevel]  # best (highest) first
    asks: list[DepthLevel]  # best (lowest) first


class Listings(Protocol):
    async def page(self, page: PageRequest, at: datetime) -> Page[Listing]:
        """The listed instruments by symbol; ``open_now`` as of ``at``."""
        ...

    async def of_symbols(self, symbols: Collection[str], at: datetime) -> dict[str, Listing]:
        """The listed ones of ``symbols``, by symbol."""
        ...

    async def symbols(self) -> frozenset[str]:
        """Every listed instrument's symbol, halted ones included (they keep their feed)."""
        ...

    async def book(self, symbol: str, levels: int, at: datetime) -> BookSnapshot | None:
        """The best ``levels`` price levels a side; None when nothing is listed as ``symbol``."""
        ...
