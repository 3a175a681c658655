"""Trading's trade log over the fills table: one row per trade (the taker's fill), ordered by
the writing transaction's id and the row's number, and only rows of transactions older than
the oldest one of this database still running (from the statement's own snapshot), so what
the log shows past a position never changes (docs/market-data.md#the-projector)."""

from __future__ import annotations

from typing import Final, cast

from sqlalchemy import BigInteger, func, literal, literal_column, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from adapters.persistence.trading.models import FillRow, InstrumentRow
from domain.trading.instrument import places
from usecases.trading.public.trade_log import LoggedTrade, LogPosition, TakerSide

# The id of the oldest transaction of THIS database still running (every one before it has
# ended), from the statement's own snapshot: the running ids (xip) less those a backend of
# another database holds (they cannot write our tables), else the snapshot's upper bound. An
# id no backend is found for counts as ours (a prepared transaction, one that just ended):
# that can only hold the log back a moment, never let it skip a row. Read-only transactions
# get no id at all, so a report or a dump never holds the log back.
HORIZON: Final = literal_column(
    """(SELECT coalesce(
          (SELECT min(running::text::bigint) FROM pg_snapshot_xip(current.snap) AS running
           WHERE (running::text::bigint % 4294967296) NOT IN (
             SELECT backend_xid::text::bigint FROM pg_stat_activity
             WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())),
          pg_snapshot_xmax(current.snap)::text::bigint)
        FROM (SELECT pg_current_snapshot() AS snap) AS current)""",
    BigInteger,
)


def _past(position: LogPosition) -> ColumnElement[bool]:
    key = tuple_(FillRow.log_transaction, FillRow.log_sequence)
    return key > tuple_(literal(position.transaction), literal(position.sequence))


class SqlTradeLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def after(self, position: LogPosition, limit: int) -> list[LoggedTrade]:
        query = (
            select(FillRow, InstrumentRow.tick_size, InstrumentRow.lot_size)
            .join(InstrumentRow, InstrumentRow.id == FillRow.instrument_id)
            .where(FillRow.liquidity == "taker", _past(position))
            .where(FillRow.log_transaction < HORIZON)
            .order_by(FillRow.log_transaction, FillRow.log_sequence)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [
            LoggedTrade(
                position=LogPosition(fill.log_transaction, fill.log_sequence),
                trade_id=fill.trade_id,
                symbol=fill.symbol,
                currency=fill.currency,
                price=fill.price,
                quantity=fill.quantity,
                price_places=places(tick),
                quantity_places=places(lot),
                taker_side=cast(TakerSide, fill.side),
                time=fill.created_at,
            )
            for fill, tick, lot in rows
        ]

    async def behind(self, position: LogPosition, limit: int) -> int:
        past = (
            select(FillRow.id)
            .where(FillRow.liquidity == "taker", _past(position))
            .limit(limit)
            .subquery()
        )
        async with self._sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(past)) or 0)
