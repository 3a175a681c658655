"""What the trading use cases need: instruments, orders, fills and positions on one unit of
work, with the ledger on the same session (a fill settles in the transaction that records it),
savepoints (one order of a batch refused without undoing the others) and the per-partition
locks that make one process the single writer of an instrument's book."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol
from uuid import UUID

from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from domain.trading.fill import Fill
from domain.trading.instrument import Instrument
from domain.trading.order import Order
from domain.trading.position import Position
from domain.trading.terms import OrderStatus, Side
from usecases.ledger.public import Ledger
from usecases.shared.ports.idempotency import IdempotentUnitOfWork
from usecases.trading.matcher.requests import Request


class Instruments(Protocol):
    async def add(self, instrument: Instrument) -> None: ...

    async def get(self, instrument_id: UUID) -> Instrument | None: ...

    async def by_symbol(self, symbol: str, *, for_update: bool = False) -> Instrument | None: ...

    async def by_symbols(self, symbols: Collection[str]) -> dict[str, Instrument]:
        """The instruments of these symbols that exist, by symbol (one read)."""
        ...

    async def of_ids(self, ids: Collection[UUID]) -> dict[UUID, Instrument]: ...

    async def save(self, instrument: Instrument) -> None:
        """Write its status."""
        ...

    async def record_last_price(self, instrument_id: UUID, price: Decimal) -> None: ...

    async def page(self, page: PageRequest) -> Page[Instrument]:
        """By symbol."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderFilter:
    status: OrderStatus | None = None
    instrument_id: UUID | None = None
    side: Side | None = None


class Orders(Protocol):
    async def add_all(self, orders: Sequence[Order]) -> None: ...

    async def save_all(self, orders: Sequence[Order]) -> None:
        """Write what can change (fills, status, priority, hold, resting)."""
        ...

    async def get(self, order_id: UUID) -> Order | None: ...

    async def client_order_ids_taken(
        self, wanted: Collection[tuple[UserId, str]]
    ) -> set[tuple[UserId, str]]:
        """Which of ``wanted`` (user, client order id) some order already has."""
        ...

    async def resting(self, instrument_id: UUID) -> list[Order]:
        """The orders on the instrument's book, in priority order."""
        ...

    async def last_sequence(self, instrument_id: UUID) -> int:
        """The highest sequence or priority number the instrument has used (0: none)."""
        ...

    async def due(self, now: datetime, limit: int) -> list[Order]:
        """Resting orders whose expiry has come."""
        ...

    async def page(self, user_id: UserId, where: OrderFilter, page: PageRequest) -> Page[Order]:
        """The user's orders, newest first."""
        ...


class Fills(Protocol):
    async def add_all(self, fills: Sequence[Fill]) -> None: ...

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Fill]:
        """The user's fills, newest first."""
        ...


class Positions(Protocol):
    async def get(self, user_id: UserId, instrument_id: UUID) -> Position | None: ...

    async def get_many(
        self, keys: Collection[tuple[UserId, UUID]]
    ) -> dict[tuple[UserId, UUID], Position]:
        """The positions of these (user, instrument) pairs that exist (one read)."""
        ...

    async def save(self, position: Position) -> None: ...

    async def save_all(self, positions: Sequence[Position]) -> None:
        """Insert or update each position (one statement)."""
        ...

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Position]:
        """The user's positions by symbol, closed ones (quantity zero) included."""
        ...


class TradingUnitOfWork(IdempotentUnitOfWork, Protocol):
    @property
    def instruments(self) -> Instruments: ...

    @property
    def orders(self) -> Orders: ...

    @property
    def fills(self) -> Fills: ...

    @property
    def positions(self) -> Positions: ...

    @property
    def ledger(self) -> Ledger: ...

    def savepoint(self) -> AbstractAsyncContextManager[object]:
        """A nested transaction: leaving it with an error undoes only what it did."""
        ...


class RoutedRequests(Protocol):
    """This process serving a partition's forwarded requests, until ``stop``."""

    async def stop(self) -> None: ...


class MatcherRoute(Protocol):
    """How a request reaches a partition's owner in another process (and its answer back)."""

    async def forward(self, partition: int, instrument_id: UUID, request: Request) -> Any:
        """The owner's answer, or its refusal raised; ``MatcherUnavailable`` when no owner
        answered in time."""
        ...

    def serve(
        self, partition: int, handle: Callable[[UUID, Request], Awaitable[Any]]
    ) -> RoutedRequests:
        """Take the partition's forwarded requests and answer each with ``handle``."""
        ...


class PartitionLock(Protocol):
    """Held while this process owns a partition's books; released on ``release``."""

    async def release(self) -> None: ...


class PartitionLocks(Protocol):
    async def try_acquire(self, partition: int) -> PartitionLock | None:
        """The partition's lock if no other process holds it, else None (at once)."""
        ...
