"""Reading the audit trail: filtered pages (newest first), and for verify the sealed chain in
order, its head and the unsealed count (after sealing what is committed)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.mapping import to_entry
from adapters.persistence.audit.models import AuditChainHeadRow, AuditRow
from adapters.persistence.audit.sealer import seal_audit_chain
from adapters.persistence.cursor import Keyset
from domain.audit.entry import AuditEntry, ChainHead
from domain.shared.clock import Clock, SystemClock
from domain.shared.pagination import Page, PageRequest
from usecases.audit.ports import AuditFilter

CHUNK = 1000
NEWEST_FIRST = Keyset("audit", (AuditRow.seq,))


class SqlAuditLog:
    def __init__(
        self, session_factory: Callable[[], AsyncSession], clock: Clock | None = None
    ) -> None:
        self._sessions = session_factory
        self._clock = clock or SystemClock()

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

    async def seal(self) -> int:
        return await seal_audit_chain(self._sessions, self._clock)

    async def head(self) -> ChainHead | None:
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(AuditChainHeadRow.chain_seq, AuditChainHeadRow.hash).where(
                        AuditChainHeadRow.id == 1
                    )
                )
            ).first()
        return None if row is None else ChainHead(row[0], row[1])

    async def unsealed(self) -> int:
        async with self._sessions() as session:
            found = await session.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.hash.is_(None))
            )
        return int(found or 0)

    async def chain(self) -> AsyncIterator[list[AuditEntry]]:
        """Every sealed entry in chain order, in chunks."""
        after = 0
        while True:
            async with self._sessions() as session:
                rows = list(
                    (
                        await session.execute(
                            select(AuditRow)
                            .where(AuditRow.chain_seq > after)
                            .order_by(AuditRow.chain_seq)
                            .limit(CHUNK)
                        )
                    ).scalars()
                )
            if not rows:
                return
            yield [to_entry(r) for r in rows]
            after = int(rows[-1].chain_seq or 0)
