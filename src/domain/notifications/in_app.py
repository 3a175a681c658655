"""In-app notifications: what the user sees in the notification centre."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Category


@dataclass(slots=True, kw_only=True)
class InAppNotification:
    user_id: UserId
    category: Category
    template: str
    title: str
    body: str
    created_at: datetime
    id: UUID = field(default_factory=new_uuid)
    read_at: datetime | None = None

    def mark_read(self, now: datetime) -> bool:
        """True when this call changed it (reading twice is harmless)."""
        if self.read_at is not None:
            return False
        self.read_at = now
        return True
