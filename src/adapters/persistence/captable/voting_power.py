"""The cap table's ``VotingPower`` port on a caller's session: the holdings projection joined to
the classes' votes per share, summed in the database; at a past instant, the securities
outstanding then by the times their creating and consuming events were recorded."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from adapters.persistence.captable.models import (
    EventRow,
    HoldingRow,
    IssuerRow,
    SecurityRow,
    ShareClassRow,
    StakeholderRow,
)
from domain.shared.ids import UserId
from usecases.captable.public import HolderInfo

# ids a statement binds at once (the driver allows 32767 parameters)
CHUNK = 10_000


class SqlVotingPower:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def issuer_name(self, issuer_id: UUID) -> str | None:
        return await self._session.scalar(
            select(IssuerRow.legal_name).where(IssuerRow.id == issuer_id)
        )

    async def stakeholder_of(self, issuer_id: UUID, user_id: UserId) -> UUID | None:
        return await self._session.scalar(
            select(StakeholderRow.id).where(
                StakeholderRow.issuer_id == issuer_id, StakeholderRow.user_id == user_id
            )
        )

    async def stakeholders(
        self, issuer_id: UUID, ids: Collection[UUID], *, linked_only: bool = False
    ) -> dict[UUID, HolderInfo]:
        wanted = list(ids)
        found: dict[UUID, HolderInfo] = {}
        for start in range(0, len(wanted), CHUNK):
            query = select(
                StakeholderRow.id, StakeholderRow.legal_name, StakeholderRow.user_id
            ).where(
                StakeholderRow.issuer_id == issuer_id,
                StakeholderRow.id.in_(wanted[start : start + CHUNK]),
            )
            if linked_only:
                query = query.where(StakeholderRow.user_id.is_not(None))
            for r in await self._session.execute(query):
                user = None if r.user_id is None else UserId(r.user_id)
                found[r.id] = HolderInfo(r.id, r.legal_name, user)
        return found

    def _votes(self, issuer_id: UUID):  # type: ignore[no-untyped-def]
        votes = func.sum(HoldingRow.quantity * ShareClassRow.votes_per_share)
        return (
            select(HoldingRow.stakeholder_id, votes.label("votes"))
            .join(ShareClassRow, ShareClassRow.id == HoldingRow.stock_class_id)
            .where(HoldingRow.issuer_id == issuer_id, HoldingRow.quantity > 0)
            .group_by(HoldingRow.stakeholder_id)
        )

    async def votes_by_holder(self, issuer_id: UUID) -> dict[UUID, Decimal]:
        rows = await self._session.execute(self._votes(issuer_id))
        return {r.stakeholder_id: Decimal(r.votes) for r in rows if r.votes > 0}

    async def votes_by_holder_at(self, issuer_id: UUID, at: datetime) -> dict[UUID, Decimal]:
        # an event being recorded holds the issuer's row: wait for it to commit
        await self._session.execute(
            select(IssuerRow.id).where(IssuerRow.id == issuer_id).with_for_update(read=True)
        )
        created = aliased(EventRow, name="created")
        consumed = aliased(EventRow, name="consumed")
        votes = func.sum(SecurityRow.quantity * ShareClassRow.votes_per_share)
        query = (
            select(SecurityRow.stakeholder_id, votes.label("votes"))
            .join(ShareClassRow, ShareClassRow.id == SecurityRow.stock_class_id)
            .join(created, created.id == SecurityRow.created_by_event_id)
            .outerjoin(consumed, consumed.id == SecurityRow.consumed_by_event_id)
            .where(
                SecurityRow.issuer_id == issuer_id,
                created.recorded_at <= at,
                or_(consumed.id.is_(None), consumed.recorded_at > at),
            )
            .group_by(SecurityRow.stakeholder_id)
        )
        rows = await self._session.execute(query)
        return {r.stakeholder_id: Decimal(r.votes) for r in rows if r.votes > 0}

    async def votes_of(self, issuer_id: UUID, stakeholder_id: UUID) -> Decimal:
        query = self._votes(issuer_id).where(HoldingRow.stakeholder_id == stakeholder_id)
        row = (await self._session.execute(query)).first()
        return Decimal(0) if row is None else Decimal(row.votes)
