"""Candles and the projector's cursor ⇄ their rows (Core statements, the generic mapper, a
keyset page of candles)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import aggregate_order_by, distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.marketdata.models import CandleRow, ProjectorCursorRow
from domain.marketdata.candles import Candle, Interval
from domain.marketdata.statistics import Window
from domain.shared.pagination import Page, PageRequest
from usecases.marketdata.ports import CandleKey, CandleRange, ProjectorState
from usecases.trading.public.trade_log import LogPosition

CANDLE_CHANGES = (
    "open",
    "high",
    "low",
    "close",
    "volume",
    "trades",
    "first_trade_at",
    "last_trade_at",
)


_INSERT = pg_insert(CandleRow)
UPSERT = _INSERT.on_conflict_do_update(
    index_elements=["symbol", "interval", "open_time"],
    set_={name: _INSERT.excluded[name] for name in CANDLE_CHANGES},
)


def candles_keyset(where: CandleRange) -> Keyset:
    scope = f"marketdata-candles:{where.symbol}:{where.interval}"
    return Keyset(scope, (CandleRow.open_time,), descending=False)


class SqlCandles:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_many(self, keys: Collection[CandleKey]) -> dict[CandleKey, Candle]:
        if not keys:
            return {}
        wanted = [(s, str(i), t) for s, i, t in keys]
        rows = await self._session.scalars(
            select(CandleRow)
            .where(tuple_(CandleRow.symbol, CandleRow.interval, CandleRow.open_time).in_(wanted))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        found = (to_domain(r, Candle) for r in rows)
        return {(c.symbol, c.interval, c.open_time): c for c in found}

    async def save_all(self, candles: Sequence[Candle]) -> None:
        if candles:  # one statement, compiled once (executemany), however many candles
            await self._session.execute(UPSERT, [row_values(c, CandleRow) for c in candles])

    async def page(self, where: CandleRange, page: PageRequest) -> Page[Candle]:
        keyset = candles_keyset(where)
        query = select(CandleRow).where(
            CandleRow.symbol == where.symbol,
            CandleRow.interval == where.interval.value,
            CandleRow.open_time >= where.start,
            CandleRow.open_time < where.end,
        )
        rows = list(await self._session.scalars(keyset.select(query, page)))
        return keyset.page(rows, page, lambda r: to_domain(r, Candle))

    async def windows(self, symbols: Collection[str], since: datetime) -> dict[str, Window]:
        if not symbols:
            return {}
        query = (
            select(
                CandleRow.symbol,
                func.array_agg(aggregate_order_by(CandleRow.open, CandleRow.open_time))[1],
                func.max(CandleRow.high),
                func.min(CandleRow.low),
                func.sum(CandleRow.volume),
                func.sum(CandleRow.trades),
            )
            .where(
                CandleRow.symbol.in_(list(symbols)),
                CandleRow.interval == Interval.M1.value,
                CandleRow.open_time >= since,
            )
            .group_by(CandleRow.symbol)
        )
        rows = (await self._session.execute(query)).all()
        return {
            symbol: Window(open=first, high=high, low=low, volume=volume, trades=int(trades))
            for symbol, first, high, low, volume, trades in rows
        }

    async def last_prices(self, symbols: Collection[str]) -> dict[str, Decimal]:
        if not symbols:
            return {}
        query = (
            select(CandleRow.symbol, CandleRow.close)
            .where(CandleRow.symbol.in_(list(symbols)), CandleRow.interval == Interval.D1.value)
            .ext(distinct_on(CandleRow.symbol))
            .order_by(CandleRow.symbol, CandleRow.open_time.desc())
        )
        rows = (await self._session.execute(query)).all()
        return {row[0]: row[1] for row in rows}


class SqlProjectorCursors:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, name: str) -> ProjectorState:
        row = await self._session.get(ProjectorCursorRow, name, populate_existing=True)
        if row is None:
            return ProjectorState(position=LogPosition.START, trades=0, updated_at=None)
        return ProjectorState(
            position=LogPosition(row.log_transaction, row.log_sequence),
            trades=row.trades,
            updated_at=row.updated_at,
        )

    async def save(self, name: str, state: ProjectorState) -> None:
        values = {
            "log_transaction": state.position.transaction,
            "log_sequence": state.position.sequence,
            "trades": state.trades,
            "updated_at": state.updated_at,
        }
        statement = pg_insert(ProjectorCursorRow).values(name=name, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["name"], set_=values)
        )
