"""Append audit records inside the committing transaction, unsealed and without any lock.

Each row takes its ``seq`` from a sequence (writing order, with gaps where a transaction
rolled back) and leaves its chain fields empty; the sealer (``sealer.py``) links the committed
rows into the hash chain moments later. So no two writes of the platform wait on each other
here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.models import AuditRow
from domain.audit.redaction import redact
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid

AUDIT = cast(Table, AuditRow.__table__)
_INSERT = insert(AUDIT)  # one cached statement, on the table (no ORM bulk-insert machinery)


async def append_audit(session: AsyncSession, records: Sequence[AuditRecord], clock: Clock) -> None:
    if not records:
        return
    now = clock.now()
    rows = [_row(record, now) for record in records]
    await session.execute(_INSERT, rows[0] if len(rows) == 1 else rows)


def _row(record: AuditRecord, now: Any) -> dict[str, Any]:
    actor = record.actor
    return {
        "id": new_uuid(),
        "occurred_at": now,
        "actor_kind": actor.kind,
        "actor_id": str(actor.user_id) if actor.user_id else actor.api_key_id,
        "action": record.action,
        "resource_type": record.resource_type,
        "resource_id": record.resource_id,
        "changes": redact(_jsonable(record.changes())),
        "ip": actor.ip,
        "user_agent": (actor.user_agent or None) and actor.user_agent[:500],
        "request_id": actor.request_id,
        "api_key_id": actor.api_key_id,
    }


def _jsonable(changes: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """JSON round-trip shape (dates, UUIDs and Decimals as strings), as it is stored."""
    return dict(json.loads(json.dumps(changes, default=str)))
