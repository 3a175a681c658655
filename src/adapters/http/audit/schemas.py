"""Schemas of the audit API."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field

from adapters.http.paging import NextCursor
from adapters.http.read_model import ReadModel
from domain.shared.pagination import Page
from usecases.audit.verify_audit_chain import ChainReport
from usecases.audit.views import AuditEventView


class AuditEventRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "seq": 42,
                    "id": "0193a1c2-7b1e-7cc0-9b5e-2f0d3c4b5a69",
                    "occurred_at": "2026-11-22T10:00:00Z",
                    "actor_kind": "user",
                    "actor_id": "USR-7K2M9Q",
                    "action": "notifications.update_preferences",
                    "resource_type": "notification_preferences",
                    "resource_id": "USR-7K2M9Q",
                    "changes": {"marketing.email": {"before": True, "after": False}},
                    "ip": "203.0.113.7",
                    "user_agent": "Mozilla/5.0",
                    "request_id": "3f0c2f9a6c1d4d7e9a1b2c3d4e5f6a7b",
                    "api_key_id": None,
                }
            ]
        }
    )

    seq: int
    id: UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: str | None = Field(
        description="Who: a user's code (USR-7K2M9Q; for a request made with an API key, the "
        "key's owner); null for the system."
    )
    action: str
    resource_type: str
    resource_id: str | None = Field(
        description="What: a user's code when the resource is a user's, else its id."
    )
    changes: dict[str, dict[str, Any]] = Field(
        description="Changed fields, `{field: {before, after}}`; sensitive values redacted."
    )
    ip: str | None
    user_agent: str | None
    request_id: str | None
    api_key_id: str | None = Field(
        description="The API key the request was made with (the actor is its owner); null "
        "when no key was used."
    )


class AuditEventPage(ReadModel):
    items: list[AuditEventRead]
    next_cursor: NextCursor


CSV_COLUMNS = (
    "seq",
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


def as_csv(page: Page[AuditEventView]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in page.items:
        row = AuditEventRead.of(e).model_dump(mode="json")
        row["changes"] = json.dumps(row["changes"], sort_keys=True)
        writer.writerow([safe_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class AuditChainRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"entries": 1024, "intact": True, "broken_at": None, "reason": None, "unsealed": 0}
            ]
        }
    )

    entries: int = Field(
        description="Sealed entries checked before the first broken link (or all)."
    )
    intact: bool
    broken_at: int | None = Field(
        description="Place in the chain (chain_seq) of the first broken link."
    )
    reason: str | None
    unsealed: int = Field(
        description="Entries not yet in the chain: written by transactions still open when "
        "verify sealed what was committed."
    )

    @classmethod
    def of(cls, report: ChainReport) -> AuditChainRead:
        broken = report.broken
        return cls.taking(
            report,
            broken_at=broken.seq if broken else None,
            reason=broken.reason if broken else None,
        )
