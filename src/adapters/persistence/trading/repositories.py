"""Instruments, orders, fills and positions ⇄ their rows (Core statements, the generic
mapper, keyset pages)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Final, cast
from uuid import UUID

from sqlalchemy import Table, bindparam, func, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.trading.models import FillRow, InstrumentRow, OrderRow, PositionRow
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from domain.trading.fill import Fill
from domain.trading.instrument import Instrument
from domain.trading.order import Order
from domain.trading.position import Position
from usecases.trading.ports import OrderFilter

INSTRUMENTS = Keyset("trading-instruments", (InstrumentRow.symbol,), descending=False)
ORDERS = Keyset("trading-orders", (OrderRow.created_at, OrderRow.id))
FILLS = Keyset("trading-fills", (FillRow.created_at, FillRow.id))
POSITIONS = Keyset(
    "trading-positions", (PositionRow.symbol, PositionRow.instrument_id), descending=False
)
# What a batch may change on an order row.
ORDER_CHANGES: Final = (
    "priority",
    "price",
    "limit_price",
    "quantity",
    "filled_quantity",
    "open_quantity",
    "filled_notional",
    "cash",
    "fees",
    "status",
    "resting",
    "reason",
    "hold_id",
    "updated_at",
)


class SqlInstruments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, instrument: Instrument) -> None:
        await self._session.execute(
            insert(InstrumentRow).values(**row_values(instrument, InstrumentRow))
        )

    async def get(self, instrument_id: UUID) -> Instrument | None:
        row = await self._session.get(InstrumentRow, instrument_id, populate_existing=True)
        return None if row is None else to_domain(row, Instrument)

    async def by_symbol(self, symbol: str, *, for_update: bool = False) -> Instrument | None:
        query = select(InstrumentRow).where(InstrumentRow.symbol == symbol)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else to_domain(row, Instrument)

    async def by_symbols(self, symbols: Collection[str]) -> dict[str, Instrument]:
        if not symbols:
            return {}
        rows = await self._session.scalars(
            select(InstrumentRow)
            .where(InstrumentRow.symbol.in_(list(symbols)))
            .execution_options(populate_existing=True)
        )
        return {r.symbol: to_domain(r, Instrument) for r in rows}

    async def of_ids(self, ids: Collection[UUID]) -> dict[UUID, Instrument]:
        if not ids:
            return {}
        rows = await self._session.scalars(
            select(InstrumentRow)
            .where(InstrumentRow.id.in_(list(ids)))
            .execution_options(populate_existing=True)
        )
        return {r.id: to_domain(r, Instrument) for r in rows}

    async def save(self, instrument: Instrument) -> None:
        await self._session.execute(
            update(InstrumentRow)
            .where(InstrumentRow.id == instrument.id)
            .values(status=instrument.status.value)
        )

    async def record_last_price(self, instrument_id: UUID, price: Decimal) -> None:
        await self._session.execute(
            update(InstrumentRow).where(InstrumentRow.id == instrument_id).values(last_price=price)
        )

    async def page(self, page: PageRequest) -> Page[Instrument]:
        rows = list(await self._session.scalars(INSTRUMENTS.select(select(InstrumentRow), page)))
        return INSTRUMENTS.page(rows, page, lambda r: to_domain(r, Instrument))


class SqlOrders:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_all(self, orders: Sequence[Order]) -> None:
        """One multi-row INSERT (an executemany would send a statement per row group)."""
        if orders:
            await self._session.execute(
                insert(OrderRow).values([row_values(o, OrderRow) for o in orders])
            )

    async def save_all(self, orders: Sequence[Order]) -> None:
        if not orders:
            return
        table = cast(Table, OrderRow.__table__)
        statement = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values({name: bindparam(name) for name in ORDER_CHANGES})
        )
        rows = []
        for order in orders:
            values = row_values(order, OrderRow, only=ORDER_CHANGES)
            rows.append({"key": order.id, **values})
        await self._session.execute(statement, rows)

    async def get(self, order_id: UUID) -> Order | None:
        row = await self._session.scalar(
            select(OrderRow)
            .where(OrderRow.id == order_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else to_domain(row, Order)

    async def client_order_ids_taken(
        self, wanted: Collection[tuple[UserId, str]]
    ) -> set[tuple[UserId, str]]:
        if not wanted:
            return set()
        rows = await self._session.execute(
            select(OrderRow.user_id, OrderRow.client_order_id).where(
                tuple_(OrderRow.user_id, OrderRow.client_order_id).in_(list(wanted))
            )
        )
        return {(UserId(u), str(c)) for u, c in rows}

    async def resting(self, instrument_id: UUID) -> list[Order]:
        rows = await self._session.scalars(
            select(OrderRow)
            .where(OrderRow.instrument_id == instrument_id, OrderRow.resting)
            .order_by(OrderRow.priority)
            .execution_options(populate_existing=True)
        )
        return [to_domain(r, Order) for r in rows]

    async def last_sequence(self, instrument_id: UUID) -> int:
        found = await self._session.scalar(
            select(func.max(func.greatest(OrderRow.sequence, OrderRow.priority))).where(
                OrderRow.instrument_id == instrument_id
            )
        )
        return int(found or 0)

    async def due(self, now: datetime, limit: int) -> list[Order]:
        rows = await self._session.scalars(
            select(OrderRow)
            .where(OrderRow.resting, OrderRow.expires_at <= now)
            .order_by(OrderRow.expires_at)
            .limit(limit)
        )
        return [to_domain(r, Order) for r in rows]

    async def page(self, user_id: UserId, where: OrderFilter, page: PageRequest) -> Page[Order]:
        query = select(OrderRow).where(OrderRow.user_id == user_id)
        if where.status is not None:
            query = query.where(OrderRow.status == where.status.value)
        if where.instrument_id is not None:
            query = query.where(OrderRow.instrument_id == where.instrument_id)
        if where.side is not None:
            query = query.where(OrderRow.side == where.side.value)
        rows = list(await self._session.scalars(ORDERS.select(query, page)))
        return ORDERS.page(rows, page, lambda r: to_domain(r, Order))


class SqlFills:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_all(self, fills: Sequence[Fill]) -> None:
        if fills:
            await self._session.execute(insert(FillRow), [row_values(f, FillRow) for f in fills])

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Fill]:
        query = select(FillRow).where(FillRow.user_id == user_id)
        rows = list(await self._session.scalars(FILLS.select(query, page)))
        return FILLS.page(rows, page, lambda r: to_domain(r, Fill))


class SqlPositions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId, instrument_id: UUID) -> Position | None:
        row = await self._session.scalar(
            select(PositionRow)
            .where(PositionRow.user_id == user_id, PositionRow.instrument_id == instrument_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else to_domain(row, Position)

    async def get_many(
        self, keys: Collection[tuple[UserId, UUID]]
    ) -> dict[tuple[UserId, UUID], Position]:
        if not keys:
            return {}
        rows = await self._session.scalars(
            select(PositionRow)
            .where(tuple_(PositionRow.user_id, PositionRow.instrument_id).in_(list(keys)))
            .execution_options(populate_existing=True)
        )
        return {(UserId(r.user_id), r.instrument_id): to_domain(r, Position) for r in rows}

    async def save(self, position: Position) -> None:
        await self.save_all([position])

    async def save_all(self, positions: Sequence[Position]) -> None:
        if not positions:
            return
        statement = pg_insert(PositionRow).values([row_values(p, PositionRow) for p in positions])
        changes = {
            k: statement.excluded[k]
            for k in ("quantity", "cost_basis", "realized_pnl", "updated_at")
        }
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "instrument_id"], set_=changes
            )
        )

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Position]:
        query = select(PositionRow).where(PositionRow.user_id == user_id)
        rows = list(await self._session.scalars(POSITIONS.select(query, page)))
        return POSITIONS.page(rows, page, lambda r: to_domain(r, Position))
