"""Schemas of the notifications API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from adapters.http.paging import NextCursor
from adapters.http.read_model import ReadModel
from domain.notifications.preferences import Preference
from domain.shared.notification import Category, Channel


class NotificationRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a1c2-7b1e-7cc0-9b5e-2f0d3c4b5a69",
                    "category": "transactions",
                    "title": "Deposit received",
                    "body": "INR 5,000.00 was credited to your cash account.",
                    "created_at": "2026-11-22T10:00:00Z",
                    "read_at": None,
                }
            ]
        }
    )

    id: UUID
    category: Category
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(ReadModel):
    items: list[NotificationRead]
    next_cursor: NextCursor


class UnreadCountRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"unread": 3}]})

    unread: int


class MarkedReadRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"marked": 3}]})

    marked: int = Field(description="How many notifications changed from unread to read.")


class PreferenceRead(ReadModel):
    category: Category
    channel: Channel
    enabled: bool


class PreferenceUpdate(BaseModel):
    category: Category
    channel: Channel
    enabled: StrictBool

    def to_domain(self) -> Preference:
        return Preference(self.category, self.channel, self.enabled)


class PreferencesRead(ReadModel):
    preferences: list[PreferenceRead]

    @classmethod
    def of(cls, preferences: list[Preference]) -> PreferencesRead:
        return cls(preferences=preferences)


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"preferences": [{"category": "marketing", "channel": "email", "enabled": False}]}
            ]
        },
    )

    preferences: list[PreferenceUpdate] = Field(min_length=1, max_length=64)
