"""Append audit records to the chain inside the committing transaction.

A transaction-scoped advisory lock serialises appends, so the chain stays linear under any
concurrency; it is held only from this point to the commit that follows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.mapping import entry_values
from adapters.persistence.audit.models import AuditRow
from domain.audit.entry import GENESIS, AuditEntry, chain_hash
from domain.audit.redaction import redact
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid

AUDIT_CHAIN_LOCK = 0x4D455249  # "MERI": one advisory lock key for the whole chain


async def append_audit(session: AsyncSession, records: Sequence[AuditRecord], clock: Clock) -> None:
    if not records:
        return
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK})
    last = (
        await session.execute(
            select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
        )
    ).first()
    seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    now = clock.now()
    rows = []
    for record in records:
        seq += 1
        actor = record.actor
        actor_id = str(actor.user_id) if actor.user_id else actor.api_key_id
        draft = AuditEntry(
            seq=seq,
            id=new_uuid(),
            occurred_at=now,
            actor_kind=actor.kind,
            actor_id=actor_id,
            action=record.action,
            resource_type=record.resource_type,
            resource_id=record.resource_id,
            changes=redact(_jsonable(record.changes())),
            ip=actor.ip,
            user_agent=(actor.user_agent or None) and actor.user_agent[:500],
            request_id=actor.request_id,
            prev_hash=prev_hash,
            hash="",
        )
        entry_hash = chain_hash(draft.content(), prev_hash)
        rows.append(entry_values(replace(draft, hash=entry_hash)))
        prev_hash = entry_hash
    await session.execute(insert(AuditRow), rows)


def _jsonable(changes: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """JSON round-trip shape (dates, UUIDs and Decimals as strings), so the stored content
    hashes the same when it is read back."""
    return dict(json.loads(json.dumps(changes, default=str)))
