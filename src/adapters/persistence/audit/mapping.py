"""Rows ⇄ audit entries."""

from __future__ import annotations

from adapters.persistence.audit.models import AuditRow
from domain.audit.entry import AuditEntry


def to_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        id=row.id,
        occurred_at=row.occurred_at,
        actor_kind=row.actor_kind,
        actor_id=row.actor_id,
        action=row.action,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        changes=dict(row.changes),
        ip=row.ip,
        user_agent=row.user_agent,
        request_id=row.request_id,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def to_row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        seq=entry.seq,
        id=entry.id,
        occurred_at=entry.occurred_at,
        actor_kind=entry.actor_kind,
        actor_id=entry.actor_id,
        action=entry.action,
        resource_type=entry.resource_type,
        resource_id=entry.resource_id,
        changes=entry.changes,
        ip=entry.ip,
        user_agent=entry.user_agent,
        request_id=entry.request_id,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )
