"""Each owner's summary version (``portfolio_summary_versions``): the key of their cached
dashboard. The investment and activity repositories move it on in the writing transaction, so
no use case can forget, and a reader who reads it before the figures never caches older
figures under a newer version. Writers take this row's lock last (after the investment's),
so writers of one owner never deadlock."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.portfolio.models import SummaryVersionRow
from domain.shared.ids import UserId

BUMP_OWNER = text(
    """
    INSERT INTO portfolio_summary_versions (owner_id, version) VALUES (:owner, 1)
    ON CONFLICT (owner_id) DO UPDATE SET version = portfolio_summary_versions.version + 1
    """
)
BUMP_OWNERS_OF = text(
    """
    INSERT INTO portfolio_summary_versions (owner_id, version)
    SELECT DISTINCT owner_id, 1 FROM portfolio_investments WHERE id = ANY(:ids)
    ORDER BY owner_id
    ON CONFLICT (owner_id) DO UPDATE SET version = portfolio_summary_versions.version + 1
    """
)


async def bump_owner(session: AsyncSession, owner_id: UUID) -> None:
    await session.execute(BUMP_OWNER, {"owner": owner_id})


async def bump_owners_of(session: AsyncSession, investment_ids: Collection[UUID]) -> None:
    """Move on the version of the owners of these investments (read before they are
    deleted)."""
    if investment_ids:
        await session.execute(BUMP_OWNERS_OF, {"ids": list(investment_ids)})


class SqlSummaryVersions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def current(self, owner_id: UserId) -> int:
        found = await self._session.scalar(
            select(SummaryVersionRow.version).where(SummaryVersionRow.owner_id == owner_id)
        )
        return found or 0
