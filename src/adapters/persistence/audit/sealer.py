"""Seal the audit trail: link the committed, unsealed rows into the hash chain.

Rows are written unsealed and without a lock (``writer.py``). The sealer takes the committed
unsealed rows in writing order (``seq``) and gives each the next place in the chain
(``chain_seq``), the previous entry's hash and its own, continuing from the chain's head. A row
whose transaction is still open is invisible here, so it is simply sealed in a later round, at a
later place: the chain's order is the sealing order, never a guess about which sequence numbers
are still coming. So no commit-order race (a lower ``seq`` committing after a higher one) and
no gap left by a rolled-back transaction can strand a row or break a link.

Sealers exclude each other with one transaction-scoped advisory lock that writers never take.
The worker seals every ``SEAL_EVERY_SECONDS`` and ``audit verify`` seals before it walks: an
entry is unsealed (editable behind the trigger's back without it showing) only that long."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.mapping import to_entry
from adapters.persistence.audit.models import AuditChainHeadRow, AuditRow
from domain.audit.entry import GENESIS, seal
from domain.shared.clock import Clock

SEALER_LOCK: Final = 0x4D455253  # "MERS": sealers only; writers never wait on it
BATCH: Final = 2000
SEAL_EVERY_SECONDS: Final = 1.0

LOG = cast(Table, AuditRow.__table__)
_SEAL_ROW = (
    update(LOG)
    .where(LOG.c.seq == bindparam("row_seq"), LOG.c.hash.is_(None))
    .values(
        chain_seq=bindparam("new_chain_seq"),
        prev_hash=bindparam("new_prev_hash"),
        hash=bindparam("new_hash"),
    )
)


async def seal_batch(session: AsyncSession, clock: Clock, *, limit: int = BATCH) -> int:
    """Seal up to ``limit`` committed rows in the caller's transaction; how many it sealed."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEALER_LOCK})
    head = (
        await session.execute(
            select(AuditChainHeadRow.chain_seq, AuditChainHeadRow.hash).where(
                AuditChainHeadRow.id == 1
            )
        )
    ).first()
    place, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    rows = list(
        (
            await session.execute(
                select(AuditRow).where(AuditRow.hash.is_(None)).order_by(AuditRow.seq).limit(limit)
            )
        ).scalars()
    )
    if not rows:
        return 0
    links = []
    for row in rows:
        place += 1
        sealed = seal(to_entry(row), chain_seq=place, prev_hash=prev_hash)
        links.append(
            {
                "row_seq": row.seq,
                "new_chain_seq": place,
                "new_prev_hash": prev_hash,
                "new_hash": sealed.hash,
            }
        )
        prev_hash = str(sealed.hash)
    await session.execute(_SEAL_ROW, links)
    now = clock.now()
    await session.execute(
        pg_insert(AuditChainHeadRow)
        .values(id=1, chain_seq=place, hash=prev_hash, sealed_at=now)
        .on_conflict_do_update(
            index_elements=[AuditChainHeadRow.id],
            set_={"chain_seq": place, "hash": prev_hash, "sealed_at": now},
        )
    )
    return len(rows)


async def seal_audit_chain(session_factory: Callable[[], AsyncSession], clock: Clock) -> int:
    """Seal every committed unsealed row, a batch per transaction; how many were sealed."""
    total = 0
    while True:
        async with session_factory() as session:
            sealed = await seal_batch(session, clock)
            await session.commit()
        total += sealed
        if sealed < BATCH:
            return total
