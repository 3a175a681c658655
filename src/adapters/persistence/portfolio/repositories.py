"""Repositories of the portfolio: Core statements on its tables, rows mapped by name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.portfolio.models import ActivityRow, IndexLevelRow, InvestmentRow
from domain.portfolio.activity import Activity
from domain.portfolio.investment import Investment
from domain.portfolio.pme import IndexLevel
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

INVESTMENTS = Keyset(
    "portfolio-investments", (InvestmentRow.created_at, InvestmentRow.id), descending=False
)
ACTIVITIES = Keyset(
    "portfolio-activities",
    (ActivityRow.occurred_on, ActivityRow.created_at, ActivityRow.id),
    descending=False,
)
LEVELS = Keyset("portfolio-index-levels", (IndexLevelRow.on,), descending=False)
REVISABLE = ("name", "sponsor", "sector", "geography", "vintage", "commitment", "updated_at")


def _investment(row: InvestmentRow) -> Investment:
    return to_domain(row, Investment, owner_id=UserId(row.owner_id))


class SqlInvestments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, investment: Investment) -> None:
        await self._session.execute(
            insert(InvestmentRow).values(**row_values(investment, InvestmentRow))
        )

    async def get(self, investment_id: UUID, *, for_update: bool = False) -> Investment | None:
        query = select(InvestmentRow).where(InvestmentRow.id == investment_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else _investment(row)

    async def save(self, investment: Investment) -> None:
        await self._session.execute(
            update(InvestmentRow)
            .where(InvestmentRow.id == investment.id)
            .values(**row_values(investment, InvestmentRow, only=REVISABLE))
        )

    async def remove(self, investment_id: UUID) -> None:
        await self._session.execute(delete(InvestmentRow).where(InvestmentRow.id == investment_id))

    async def page(self, owner_id: UserId, page: PageRequest) -> Page[Investment]:
        query = select(InvestmentRow).where(InvestmentRow.owner_id == owner_id)
        rows = list(await self._session.scalars(INVESTMENTS.select(query, page)))
        return INVESTMENTS.page(rows, page, _investment)

    async def of_owner(self, owner_id: UserId) -> list[Investment]:
        rows = await self._session.scalars(
            select(InvestmentRow)
            .where(InvestmentRow.owner_id == owner_id)
            .order_by(InvestmentRow.created_at, InvestmentRow.id)
        )
        return [_investment(row) for row in rows]


def _activity(row: ActivityRow) -> Activity:
    return to_domain(row, Activity)


class SqlActivities:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_all(self, activities: Sequence[Activity]) -> None:
        if activities:
            await self._session.execute(
                insert(ActivityRow), [row_values(a, ActivityRow) for a in activities]
            )

    async def get(self, investment_id: UUID, activity_id: UUID) -> Activity | None:
        row = await self._session.scalar(
            select(ActivityRow).where(
                ActivityRow.investment_id == investment_id, ActivityRow.id == activity_id
            )
        )
        return None if row is None else _activity(row)

    async def remove(self, investment_id: UUID, activity_id: UUID) -> None:
        await self._session.execute(
            delete(ActivityRow).where(
                ActivityRow.investment_id == investment_id, ActivityRow.id == activity_id
            )
        )

    async def page(self, investment_id: UUID, page: PageRequest) -> Page[Activity]:
        query = select(ActivityRow).where(ActivityRow.investment_id == investment_id)
        rows = list(await self._session.scalars(ACTIVITIES.select(query, page)))
        return ACTIVITIES.page(rows, page, _activity)

    async def of_investments(self, investment_ids: Collection[UUID]) -> dict[UUID, list[Activity]]:
        found: dict[UUID, list[Activity]] = defaultdict(list)
        if not investment_ids:
            return found
        rows = await self._session.scalars(
            select(ActivityRow)
            .where(ActivityRow.investment_id.in_(list(investment_ids)))
            .order_by(ActivityRow.occurred_on, ActivityRow.created_at, ActivityRow.id)
        )
        for row in rows:
            found[row.investment_id].append(_activity(row))
        return found


class SqlIndexSeries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def store(self, owner_id: UserId, name: str, levels: Sequence[IndexLevel]) -> None:
        statement = pg_insert(IndexLevelRow)
        for start in range(0, len(levels), 5000):
            chunk = levels[start : start + 5000]
            await self._session.execute(
                statement.on_conflict_do_update(
                    index_elements=["owner_id", "series", "on"],
                    set_={"level": statement.excluded.level},
                ),
                [
                    {"owner_id": owner_id, "series": name, "on": lv.on, "level": lv.level}
                    for lv in chunk
                ],
            )

    async def levels(self, owner_id: UserId, name: str) -> list[IndexLevel]:
        rows = await self._session.execute(
            select(IndexLevelRow.on, IndexLevelRow.level)
            .where(IndexLevelRow.owner_id == owner_id, IndexLevelRow.series == name)
            .order_by(IndexLevelRow.on)
        )
        return [IndexLevel(on, level) for on, level in rows]

    async def page(self, owner_id: UserId, name: str, page: PageRequest) -> Page[IndexLevel]:
        query = select(IndexLevelRow).where(
            IndexLevelRow.owner_id == owner_id, IndexLevelRow.series == name
        )
        rows = list(await self._session.scalars(LEVELS.select(query, page)))
        return LEVELS.page(rows, page, lambda row: IndexLevel(row.on, row.level))
