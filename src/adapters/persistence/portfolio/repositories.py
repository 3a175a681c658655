"""Repositories of the portfolio: Core statements on its tables, rows mapped by name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from uuid import UUID

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.portfolio.models import (
    ActivityRow,
    IndexLevelRow,
    InvestmentDocumentRow,
    InvestmentRow,
)
from adapters.persistence.portfolio.summary_versions import bump_owner, bump_owners_of
from domain.portfolio.activity import Activity
from domain.portfolio.documents import InvestmentDocument
from domain.portfolio.investment import Investment
from domain.portfolio.performance import Sums
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
DOCUMENTS = Keyset(
    "portfolio-documents",
    (InvestmentDocumentRow.uploaded_at, InvestmentDocumentRow.id),
    descending=True,
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
        await bump_owner(self._session, investment.owner_id)

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
        await bump_owner(self._session, investment.owner_id)

    async def remove(self, investment_id: UUID) -> None:
        await bump_owners_of(self._session, [investment_id])
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
            await self.refresh_sums({a.investment_id for a in activities})

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
        await self.refresh_sums([investment_id])

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

    async def sums(self, investment_ids: Collection[UUID]) -> dict[UUID, Sums]:
        if not investment_ids:
            return {}
        rows = await self._session.execute(STORED_SUMS, {"ids": list(investment_ids)})
        return {
            row[0]: Sums(
                contributed=row[1],
                fees=row[2],
                return_of_capital=row[3],
                gains=row[4],
                income=row[5],
                valuation=row[6],
                valuation_on=row[7],
                contributed_after=row[8],
                distributed_after=row[9],
                last_on=row[10],
                flow_dates=tuple(row[11] or ()),
                flow_amounts=tuple(row[12] or ()),
            )
            for row in rows
        }

    async def refresh_sums(self, investment_ids: Collection[UUID]) -> None:
        """Recompute the stored sums of these investments from their activities (an
        investment left without activities has none), and move on their owners' summary
        version (their cached dashboards are retired by the commit)."""
        if investment_ids:
            ids = {"ids": list(investment_ids)}
            await self._session.execute(REFRESH_SUMS, ids)
            await self._session.execute(EMPTIED, ids)
            await bump_owners_of(self._session, investment_ids)


# One row an investment: its activities summed by kind, the latest valuation (by date, then by
# when it was recorded) and what moved after its date, and its money flows oldest first as
# arrays (the amounts as float8: they only feed the IRR solver). ``Sums`` in the domain says
# what each is; its ``sums_of`` computes the same from the activities. Every write of an
# investment's activities stores its row again (``REFRESH_SUMS``); the figures read it.
SUMS = """
    WITH latest AS (
        SELECT DISTINCT ON (investment_id) investment_id, occurred_on, amount
        FROM portfolio_activities
        WHERE investment_id = ANY(:ids) AND kind = 'valuation'
        ORDER BY investment_id, occurred_on DESC, created_at DESC, id DESC
    )
    SELECT a.investment_id,
        coalesce(sum(a.amount) FILTER (WHERE a.kind = 'contribution'), 0),
        coalesce(sum(a.amount) FILTER (WHERE a.kind = 'fee'), 0),
        coalesce(sum(a.amount) FILTER (WHERE a.kind = 'return_of_capital'), 0),
        coalesce(sum(a.amount) FILTER (WHERE a.kind = 'gain'), 0),
        coalesce(sum(a.amount) FILTER (WHERE a.kind = 'income'), 0),
        l.amount,
        l.occurred_on,
        coalesce(sum(a.amount) FILTER (
            WHERE a.kind = 'contribution' AND a.occurred_on > l.occurred_on), 0),
        coalesce(sum(a.amount) FILTER (
            WHERE a.kind IN ('return_of_capital', 'gain', 'income')
                AND a.occurred_on > l.occurred_on), 0),
        max(a.occurred_on),
        coalesce(array_agg(a.occurred_on ORDER BY a.occurred_on, a.created_at, a.id)
            FILTER (WHERE a.kind <> 'valuation'), '{}'),
        coalesce(array_agg(
            (CASE WHEN a.kind IN ('contribution', 'fee') THEN -a.amount ELSE a.amount END)::float8
            ORDER BY a.occurred_on, a.created_at, a.id
        ) FILTER (WHERE a.kind <> 'valuation'), '{}')
    FROM portfolio_activities a LEFT JOIN latest l USING (investment_id)
    WHERE a.investment_id = ANY(:ids)
    GROUP BY a.investment_id, l.amount, l.occurred_on
"""
COLUMNS = (
    "investment_id, contributed, fees, return_of_capital, gains, income, valuation, "
    "valuation_on, contributed_after, distributed_after, last_on, flow_dates, flow_amounts"
)
UPDATED = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS.split(", ")[1:])
REFRESH_SUMS = text(
    f"""
    INSERT INTO portfolio_investment_sums ({COLUMNS})
    {SUMS}
    ON CONFLICT (investment_id) DO UPDATE SET {UPDATED}
    """
)
# An investment whose last activity was deleted has no sums row.
EMPTIED = text(
    """
    DELETE FROM portfolio_investment_sums s
    WHERE s.investment_id = ANY(:ids) AND NOT EXISTS (
        SELECT 1 FROM portfolio_activities a WHERE a.investment_id = s.investment_id
    )
    """
)
STORED_SUMS = text(
    f"SELECT {COLUMNS} FROM portfolio_investment_sums WHERE investment_id = ANY(:ids)"  # noqa: S608
)


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


def _document(row: InvestmentDocumentRow) -> InvestmentDocument:
    return to_domain(row, InvestmentDocument, owner_id=UserId(row.owner_id))


class SqlInvestmentDocuments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, document: InvestmentDocument) -> None:
        await self._session.execute(
            insert(InvestmentDocumentRow).values(**row_values(document, InvestmentDocumentRow))
        )

    async def get(self, document_id: UUID) -> InvestmentDocument | None:
        row = await self._session.get(InvestmentDocumentRow, document_id)
        return None if row is None else _document(row)

    async def page(self, investment_id: UUID, page: PageRequest) -> Page[InvestmentDocument]:
        query = select(InvestmentDocumentRow).where(
            InvestmentDocumentRow.investment_id == investment_id
        )
        rows = list(await self._session.scalars(DOCUMENTS.select(query, page)))
        return DOCUMENTS.page(rows, page, _document)

    async def storage_keys(self, investment_id: UUID) -> list[str]:
        rows = await self._session.scalars(
            select(InvestmentDocumentRow.storage_key).where(
                InvestmentDocumentRow.investment_id == investment_id
            )
        )
        return list(rows)

    async def remove(self, document_id: UUID) -> None:
        await self._session.execute(
            delete(InvestmentDocumentRow).where(InvestmentDocumentRow.id == document_id)
        )
