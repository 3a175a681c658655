"""Append audit records inside the committing transaction, unsealed and without any lock.

Each row takes its ``seq`` from a sequence (writing order, with gaps where a transaction
rolled back) and leaves its chain fields empty; the sealer (``sealer.py``) links the committed
rows into the hash chain moments later. So no two writes of the platform wait on each other
here.

``append_audit_along`` sends one record in the same statement as another data-modifying
statement of the commit (the ledger's stored idempotent result): one round trip for both."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, TextClause, bindparam, insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.models import AuditRow
from domain.audit.redaction import redact
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid

AUDIT = cast(Table, AuditRow.__table__)
_INSERT = insert(AUDIT)  # one cached statement, on the table (no ORM bulk-insert machinery)
_ROW_COLUMNS = (
    "id",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "action",
    "resource_type",
    "resource_id",
    "changes",
    "ip",
    "user_agent",
    "request_id",
    "api_key_id",
)
_ALONG: dict[str, TextClause] = {}  # one statement per companion


async def append_audit(session: AsyncSession, records: Sequence[AuditRecord], clock: Clock) -> None:
    if not records:
        return
    now = clock.now()
    rows = [_row(record, now) for record in records]
    await session.execute(_INSERT, rows[0] if len(rows) == 1 else rows)


async def append_audit_along(
    session: AsyncSession,
    record: AuditRecord,
    clock: Clock,
    along: TextClause,
    values: Mapping[str, Any],
) -> int:
    """Insert ``record`` in the same statement as ``along`` (a data-modifying statement that
    ends in ``RETURNING``; its parameters in ``values``, none named ``audit_*``), and answer
    how many rows ``along`` returned."""
    statement = _ALONG.get(along.text)
    if statement is None:
        statement = _ALONG[along.text] = text(
            f"""
            WITH along AS ({along.text}), audit AS (
                INSERT INTO {AUDIT.name} ({", ".join(_ROW_COLUMNS)})
                VALUES ({", ".join(":audit_" + name for name in _ROW_COLUMNS)})
            )
            SELECT count(*) FROM along
            """  # noqa: S608  (our own table and column names, no input)
        ).bindparams(
            *along._bindparams.values(),
            *(bindparam("audit_" + name, type_=AUDIT.c[name].type) for name in _ROW_COLUMNS),
        )
    row = _row(record, clock.now())
    answered = await session.scalar(
        statement, {**values, **{"audit_" + name: row[name] for name in _ROW_COLUMNS}}
    )
    return int(answered or 0)


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
