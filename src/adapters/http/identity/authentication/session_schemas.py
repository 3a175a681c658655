"""Schemas of sessions, devices and login activity."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.identity.security_event import SecurityEvent


def device_fields(event: SecurityEvent) -> dict[str, str | None]:
    """Where a security event came from, flattened as the read schemas show it."""
    device = event.device
    return {
        "ip": device.ip if device else None,
        "browser": device.agent.browser if device else None,
        "os": device.agent.os if device else None,
        "device_id": device.device_id if device else None,
    }


class SessionRead(ReadModel):
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


class SessionPage(ReadModel):
    items: list[SessionRead]
    next_cursor: NextCursor


class DeviceRead(ReadModel):
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


class DevicePage(ReadModel):
    model_config = page_config(DeviceRead)

    items: list[DeviceRead]
    next_cursor: NextCursor


class LoginActivityRead(ReadModel):
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
        return cls.taking(event, event=event.kind, **device_fields(event))


class LoginActivityPage(BaseModel):  # built from schemas, never by name
    model_config = page_config(LoginActivityRead)

    items: list[LoginActivityRead]
    next_cursor: NextCursor
