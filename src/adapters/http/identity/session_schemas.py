"""Schemas of sessions, devices and login activity."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.identity.security_event import SecurityEvent
from domain.shared.pagination import Page
from usecases.identity.views import DeviceView, SessionView


class SessionRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "device": "Chrome 120 on Windows",
                    "device_id": "web-3f9a2c",
                    "user_agent": "Mozilla/5.0 ...",
                    "ip": "203.0.113.7",
                    "created_at": "2026-11-22T10:00:00Z",
                    "last_seen_at": "2026-11-22T12:30:00Z",
                    "expires_at": "2026-11-29T12:30:00Z",
                    "current": True,
                }
            ]
        }
    )

    id: UUID
    device: str
    device_id: str | None
    user_agent: str | None
    ip: str | None
    created_at: datetime
    last_seen_at: datetime = Field(description="Last token refresh.")
    expires_at: datetime
    current: bool = Field(description="The session making this request.")

    @classmethod
    def of(cls, view: SessionView) -> SessionRead:
        return cls(
            id=view.id,
            device=view.device,
            device_id=view.device_id,
            user_agent=view.user_agent,
            ip=view.ip,
            created_at=view.created_at,
            last_seen_at=view.last_seen_at,
            expires_at=view.expires_at,
            current=view.current,
        )


class SessionPage(BaseModel):
    items: list[SessionRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")

    @classmethod
    def of(cls, page: Page[SessionView]) -> SessionPage:
        return cls(items=[SessionRead.of(s) for s in page.items], next_cursor=page.next_cursor)


class DeviceRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "label": "Work laptop",
                    "browser": "Chrome 120",
                    "os": "Windows",
                    "first_seen_at": "2026-11-01T10:00:00Z",
                    "last_seen_at": "2026-11-22T12:30:00Z",
                    "last_ip": "203.0.113.7",
                }
            ]
        }
    )

    id: UUID
    label: str
    browser: str | None
    os: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    last_ip: str | None

    @classmethod
    def of(cls, view: DeviceView) -> DeviceRead:
        return cls(
            id=view.id,
            label=view.label,
            browser=view.browser,
            os=view.os,
            first_seen_at=view.first_seen_at,
            last_seen_at=view.last_seen_at,
            last_ip=view.last_ip,
        )


class DeviceList(BaseModel):
    items: list[DeviceRead]


class LoginActivityRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "event": "login_failed",
                    "succeeded": False,
                    "reason": "wrong_password",
                    "ip": "203.0.113.7",
                    "browser": "Chrome 120",
                    "os": "Windows",
                    "device_id": "web-3f9a2c",
                    "occurred_at": "2026-11-22T12:30:00Z",
                }
            ]
        }
    )

    id: UUID
    event: str = Field(description="login_succeeded, login_failed, account_locked, ...")
    succeeded: bool
    reason: str | None
    ip: str | None
    browser: str | None
    os: str | None
    device_id: str | None
    occurred_at: datetime

    @classmethod
    def of(cls, event: SecurityEvent) -> LoginActivityRead:
        device = event.device
        return cls(
            id=event.id,
            event=event.kind.value,
            succeeded=event.succeeded,
            reason=event.reason,
            ip=device.ip if device else None,
            browser=device.agent.browser if device else None,
            os=device.agent.os if device else None,
            device_id=device.device_id if device else None,
            occurred_at=event.occurred_at,
        )


class LoginActivityList(BaseModel):
    items: list[LoginActivityRead]
