"""Rows ⇄ audit entries (by name, through the generic mapper)."""

from __future__ import annotations

from typing import Any

from adapters.persistence.audit.models import AuditRow
from adapters.persistence.mapping import row_values, to_domain
from domain.audit.entry import AuditEntry


def to_entry(row: AuditRow) -> AuditEntry:
    return to_domain(row, AuditEntry)


def entry_values(entry: AuditEntry) -> dict[str, Any]:
    return row_values(entry, AuditRow)
