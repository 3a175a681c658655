"""The outbox as the worker sees it: claim with SKIP LOCKED, save outcomes under the claim."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.mapping import row_values
from adapters.persistence.notifications.mapping import outbox_to_domain
from adapters.persistence.notifications.models import OutboxRow
from domain.notifications.outbox import OutboxMessage, OutboxStatus
from usecases.notifications.ports import OutboxStats

PENDING = OutboxStatus.PENDING.value
OUTCOME = ("status", "next_attempt_at", "last_error", "delivered_at", "sealed_secrets")


class SqlOutboxStore:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    async def claim_due(
        self, *, now: datetime, limit: int, claim_until: datetime, worker: str
    ) -> list[OutboxMessage]:
        due = (
            select(OutboxRow.id)
            .where(
                OutboxRow.status == PENDING,
                OutboxRow.next_attempt_at <= now,
                or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
            )
            .order_by(OutboxRow.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        claim = (
            update(OutboxRow)
            .where(OutboxRow.id.in_(due))
            .values(
                claimed_until=claim_until,
                claimed_by=worker,
                attempts=OutboxRow.attempts + 1,
            )
            .returning(OutboxRow)
            .execution_options(synchronize_session=False)
        )
        async with self._sessions() as session, session.begin():
            rows = (await session.execute(claim)).scalars().all()
            return [outbox_to_domain(row) for row in rows]

    async def save_outcome(self, message: OutboxMessage, *, worker: str) -> bool:
        outcome = (
            update(OutboxRow)
            .where(and_(OutboxRow.id == message.id, OutboxRow.claimed_by == worker))
            .values(
                **row_values(message, OutboxRow, only=OUTCOME), claimed_until=None, claimed_by=None
            )
            .execution_options(synchronize_session=False)
        )
        async with self._sessions() as session, session.begin():
            result = await session.execute(outcome)
            return bool(getattr(result, "rowcount", 0))

    async def stats(self, now: datetime) -> OutboxStats:
        query = select(
            func.count().filter(OutboxRow.status == PENDING),
            func.min(OutboxRow.created_at).filter(OutboxRow.status == PENDING),
            func.count().filter(OutboxRow.status == OutboxStatus.DEAD.value),
        )
        async with self._sessions() as session:
            pending, oldest, dead = (await session.execute(query)).one()
        age = None if oldest is None else max(0.0, (now - oldest).total_seconds())
        return OutboxStats(pending=int(pending), oldest_pending_age_seconds=age, dead=int(dead))
