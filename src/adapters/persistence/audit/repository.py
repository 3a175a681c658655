"""Reading the audit trail: filtered pages (newest first) and the chain in order for verify."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.mapping import to_entry
from adapters.persistence.audit.models import AuditRow
from adapters.persistence.cursor import Keyset
from domain.audit.entry import AuditEntry
from domain.shared.pagination import Page, PageRequest
from usecases.audit.ports import AuditFilter

CHUNK = 1000
NEWEST_FIRST = Keyset("audit", (AuditRow.seq,))


class SqlAuditLog:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    async def page(self, where: AuditFilter, page: PageRequest) -> Page[AuditEntry]:
        query = select(AuditRow)
        if where.actor_id is not None:
            query = query.where(AuditRow.actor_id == where.actor_id)
        if where.action is not None:
            query = query.where(AuditRow.action == where.action)
        if where.resource_type is not None:
            query = query.where(AuditRow.resource_type == where.resource_type)
        if where.resource_id is not None:
            query = query.where(AuditRow.resource_id == where.resource_id)
        if where.involving is not None:
            query = query.where(
                or_(
                    AuditRow.actor_id == where.involving,
                    and_(AuditRow.resource_type == "user", AuditRow.resource_id == where.involving),
                )
            )
        if where.since is not None:
            query = query.where(AuditRow.occurred_at >= where.since)
        if where.until is not None:
            query = query.where(AuditRow.occurred_at < where.until)
        query = NEWEST_FIRST.select(query, page)
        async with self._sessions() as session:
            rows = list((await session.execute(query)).scalars())
        return NEWEST_FIRST.page(rows, page, to_entry)

    async def chain(self) -> AsyncIterator[list[AuditEntry]]:
        """Every entry in sequence order, in chunks."""
        after = 0
        while True:
            async with self._sessions() as session:
                rows = list(
                    (
                        await session.execute(
                            select(AuditRow)
                            .where(AuditRow.seq > after)
                            .order_by(AuditRow.seq)
                            .limit(CHUNK)
                        )
                    ).scalars()
                )
            if not rows:
                return
            yield [to_entry(r) for r in rows]
            after = rows[-1].seq
