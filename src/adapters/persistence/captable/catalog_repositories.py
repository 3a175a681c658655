"""An issuer's stock legend templates and stock plans ⇄ their rows."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.models import StockLegendRow, StockPlanRow
from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from domain.captable.legend import StockLegend
from domain.captable.stock_plan import StockPlan
from domain.shared.pagination import Page, PageRequest

LEGENDS = Keyset(
    "captable-stock-legends", (StockLegendRow.created_at, StockLegendRow.id), descending=False
)
PLANS = Keyset("captable-stock-plans", (StockPlanRow.created_at, StockPlanRow.id), False)


class SqlStockLegends:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_all(self, legends: Sequence[StockLegend]) -> None:
        if legends:
            rows = [row_values(legend, StockLegendRow) for legend in legends]
            await self._session.execute(insert(StockLegendRow), rows)

    async def of_issuer(
        self, issuer_id: UUID, among: Collection[UUID] | None = None
    ) -> list[StockLegend]:
        query = select(StockLegendRow).where(StockLegendRow.issuer_id == issuer_id)
        if among is not None:
            query = query.where(StockLegendRow.id.in_(list(among)))
        rows = await self._session.scalars(
            query.order_by(StockLegendRow.created_at, StockLegendRow.id)
        )
        return [to_domain(r, StockLegend) for r in rows]

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[StockLegend]:
        query = select(StockLegendRow).where(StockLegendRow.issuer_id == issuer_id)
        rows = list(await self._session.scalars(LEGENDS.select(query, page)))
        return LEGENDS.page(rows, page, lambda r: to_domain(r, StockLegend))


class SqlStockPlans:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_all(self, plans: Sequence[StockPlan]) -> None:
        if plans:
            rows = [row_values(plan, StockPlanRow) for plan in plans]
            await self._session.execute(insert(StockPlanRow), rows)

    async def of_issuer(self, issuer_id: UUID) -> list[StockPlan]:
        rows = await self._session.scalars(
            select(StockPlanRow)
            .where(StockPlanRow.issuer_id == issuer_id)
            .order_by(StockPlanRow.created_at, StockPlanRow.id)
        )
        return [to_domain(r, StockPlan) for r in rows]

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[StockPlan]:
        query = select(StockPlanRow).where(StockPlanRow.issuer_id == issuer_id)
        rows = list(await self._session.scalars(PLANS.select(query, page)))
        return PLANS.page(rows, page, lambda r: to_domain(r, StockPlan))
