"""Trading's ``BrokerageHoldings`` port: a user's open positions joined to their instruments'
last prices and the user's fills, read on one repeatable-read snapshot; and the last trade
price of each UTC day from the fills (every trade has a fill row per side, at one price)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Literal, cast
from uuid import UUID

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.trading.models import FillRow, InstrumentRow, PositionRow
from domain.shared.ids import UserId
from usecases.trading.public.holdings import (
    BrokerageAccount,
    DailyPrice,
    HeldPosition,
    TradeFill,
)


class SqlBrokerageHoldings:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    async def account(self, user_id: UserId) -> BrokerageAccount:
        async with self._sessions() as session:
            await session.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
            rows = await session.execute(
                select(
                    PositionRow,
                    func.coalesce(InstrumentRow.last_price, InstrumentRow.reference_price),
                )
                .join(InstrumentRow, InstrumentRow.id == PositionRow.instrument_id)
                .where(PositionRow.user_id == user_id, PositionRow.quantity > 0)
                .order_by(PositionRow.symbol, PositionRow.instrument_id)
            )
            positions = [
                HeldPosition(
                    instrument_id=p.instrument_id,
                    symbol=p.symbol,
                    currency=p.currency,
                    quantity=p.quantity,
                    average_cost=p.cost_basis / p.quantity,
                    cost_basis=p.cost_basis,
                    realized_pnl=p.realized_pnl,
                    last_price=last,
                )
                for p, last in rows
            ]
            fills = await session.scalars(
                select(FillRow)
                .where(FillRow.user_id == user_id)
                .order_by(FillRow.created_at, FillRow.id)
            )
            return BrokerageAccount(
                positions,
                [
                    TradeFill(
                        instrument_id=f.instrument_id,
                        symbol=f.symbol,
                        currency=f.currency,
                        side=cast(Literal["buy", "sell"], f.side),
                        quantity=f.quantity,
                        price=f.price,
                        cash=f.cash,
                        fee=f.fee,
                        at=f.created_at,
                    )
                    for f in fills
                ],
            )

    async def daily_last_prices(
        self, instrument_ids: Collection[UUID], since: date
    ) -> dict[UUID, list[DailyPrice]]:
        found: dict[UUID, list[DailyPrice]] = {}
        if not instrument_ids:
            return found
        async with self._sessions() as session:
            rows = await session.execute(LAST_OF_DAY, {"ids": list(instrument_ids), "since": since})
            for instrument_id, on, price in rows:
                found.setdefault(instrument_id, []).append(DailyPrice(on, price))
        return found


# The last trade of each (instrument, UTC day): the fills of both sides share the price.
LAST_OF_DAY = text(
    """
    SELECT DISTINCT ON (instrument_id, day) instrument_id, day, price
    FROM (
        SELECT instrument_id, (created_at AT TIME ZONE 'UTC')::date AS day, price, created_at, id
        FROM trading_fills
        WHERE instrument_id = ANY(:ids) AND created_at >= (CAST(:since AS date) AT TIME ZONE 'UTC')
    ) f
    ORDER BY instrument_id, day, created_at DESC, id DESC
    """
)
