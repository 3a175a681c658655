"""Schemas of suspicious activity: login activity with risk scores and reasons."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field

from adapters.http.identity.authentication.session_schemas import device_fields
from adapters.http.paging import NextCursor
from adapters.http.read_model import ReadModel
from domain.identity.security_event import SecurityEvent
from domain.shared.pagination import Page
from usecases.identity.public.risk_activity import RiskActivity


class RiskReasonRead(ReadModel):
    rule: str = Field(
        description="new_device, new_ip_range, failed_login_burst, otp_abuse, "
        "withdrawal_burst, withdrawal_volume"
    )
    points: int
    reason: str


class SuspiciousActivityRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "event": "access_refused",
                    "succeeded": False,
                    "reason": "risk_verification_required:score=70",
                    "ip": "198.51.100.7",
                    "browser": "Chrome 120",
                    "os": "Windows",
                    "device_id": "web-3f9a2c",
                    "occurred_at": "2026-11-22T12:30:00Z",
                    "risk_score": 70,
                    "risk_reasons": [
                        {"rule": "new_device", "points": 15, "reason": "new device"},
                        {
                            "rule": "new_ip_range",
                            "points": 25,
                            "reason": "new IP range 198.51.100.0/24",
                        },
                        {
                            "rule": "failed_login_burst",
                            "points": 30,
                            "reason": "4 failed logins in the last hour",
                        },
                    ],
                }
            ]
        }
    )

    id: UUID
    event: str = Field(
        description="login_succeeded, login_failed, access_refused, ...; from banking: "
        "withdrawal_challenged, withdrawal_blocked"
    )
    succeeded: bool
    reason: str | None
    ip: str | None
    browser: str | None
    os: str | None
    device_id: str | None
    occurred_at: datetime
    risk_score: int | None = Field(description="0..100; null for an event that was not scored.")
    risk_reasons: list[RiskReasonRead]

    @classmethod
    def of(cls, event: SecurityEvent | RiskActivity) -> SuspiciousActivityRead:
        if isinstance(event, RiskActivity):
            nowhere = dict.fromkeys(("ip", "browser", "os", "device_id"))
            return cls.taking(event, risk_score=event.score, risk_reasons=event.reasons, **nowhere)
        risk = event.risk
        return cls.taking(
            event,
            event=event.kind,
            risk_score=risk.score if risk else None,
            risk_reasons=risk.hits if risk else [],
            **device_fields(event),
        )


class SuspiciousActivityPage(ReadModel):
    items: list[SuspiciousActivityRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, page: Page[SecurityEvent | RiskActivity]) -> SuspiciousActivityPage:
        return cls.taking(page, items=[SuspiciousActivityRead.of(e) for e in page.items])
