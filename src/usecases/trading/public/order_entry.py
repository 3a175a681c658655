"""Order entry for programs (the market simulator): the listed instruments as they trade now,
the top of a book, and placing and cancelling orders on behalf of a user through trading's
own use cases, with every check a person's order passes (KYC ``trade``, the grid, the band,
the hold in the ledger). A refusal raises the use case's ``DomainError`` (its ``code``:
``insufficient_funds``, ``price_outside_band``, ``market_closed``...)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from domain.shared.ids import UserId
from domain.trading.terms import Side

__all__ = [
    "BookTop",
    "ListedInstrument",
    "OpenOrder",
    "OrderAnswer",
    "OrderEntry",
    "OrderTicket",
    "Side",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListedInstrument:
    symbol: str
    asset_class: str  # stock, etf, bond, crypto
    currency: str
    tick_size: Decimal
    lot_size: Decimal
    min_notional: Decimal
    mark: Decimal  # the last trade's price, else the reference price
    band_low: Decimal  # the lowest limit price accepted now
    band_high: Decimal  # the highest
    halted: bool
    open_now: bool  # its session is open (crypto: always)

    @property
    def quantity_places(self) -> int:
        exponent = self.lot_size.normalize().as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True, kw_only=True)
class BookTop:
    best_bid: Decimal | None
    best_ask: Decimal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderTicket:
    """A limit order that rests (GTC) when ``rests``, else an IOC limit; a market order when
    ``limit_price`` is None. ``key`` is its idempotency key: the same key never places twice."""

    user_id: UserId
    symbol: str
    side: Side
    quantity: Decimal
    limit_price: Decimal | None
    rests: bool
    key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderAnswer:
    order_id: UUID
    status: str
    filled_quantity: Decimal
    resting: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenOrder:
    order_id: UUID
    symbol: str
    side: Side
    price: Decimal


class OrderEntry(Protocol):
    async def instruments(self) -> list[ListedInstrument]:
        """Every listed instrument, by symbol."""
        ...

    async def top_of_book(self, symbol: str) -> BookTop: ...

    async def place(self, ticket: OrderTicket) -> OrderAnswer:
        """After the matcher's batch committed; a refusal raises its ``DomainError``."""
        ...

    async def cancel(self, user_id: UserId, order_id: UUID) -> bool:
        """True when cancelled; False when it no longer rests (filled, cancelled, expired)."""
        ...

    async def open_orders(self, user_id: UserId) -> list[OpenOrder]:
        """The user's orders resting on any book."""
        ...

    async def holdings(self, user_id: UserId) -> dict[str, Decimal]:
        """The user's brokerage position in each instrument it traded (by symbol)."""
        ...
