"""What the notifications use cases need from the outside world."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.notifications.in_app import InAppNotification
from domain.notifications.outbox import OutboxMessage
from domain.notifications.preferences import Preference
from domain.shared.ids import UserId
from domain.shared.notification import Category, Channel
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailMessage:
    message_id: str  # stable across retries, so a receiver can drop duplicates
    to: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsMessage:
    message_id: str
    to: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class DeliveryError(Exception):
    """A send that did not happen. ``permanent``: retrying cannot help (bad address)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class EmailSender(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmsSender(Protocol):
    async def send(self, message: SmsMessage) -> None: ...


class TemplateRenderer(Protocol):
    """Raises ``DeliveryError(permanent=True)`` for an unknown template or missing variable."""

    def email(self, template: str, variables: Mapping[str, str]) -> RenderedEmail: ...

    def sms(self, template: str, variables: Mapping[str, str]) -> str: ...

    def in_app(self, template: str, variables: Mapping[str, str]) -> tuple[str, str]: ...


@dataclass(frozen=True, slots=True)
class OutboxStats:
    pending: int
    oldest_pending_age_seconds: float | None
    dead: int


class OutboxStore(Protocol):
    """The worker's view of the outbox; each call is its own short transaction."""

    async def claim_due(
        self, *, now: datetime, limit: int, claim_until: datetime, worker: str
    ) -> list[OutboxMessage]:
        """Lock due pending messages no live claim holds (``SKIP LOCKED``), count the
        attempt, and stamp the claim; returns them decrypted-ready."""
        ...

    async def save_outcome(self, message: OutboxMessage, *, worker: str) -> bool:
        """Persist a delivery outcome if ``worker`` still holds the claim."""
        ...

    async def stats(self, now: datetime) -> OutboxStats: ...


class InAppRepository(Protocol):
    async def page_for(
        self, user_id: UserId, *, unread_only: bool, page: PageRequest
    ) -> Page[InAppNotification]: ...

    async def count_unread(self, user_id: UserId) -> int: ...

    async def get_for_update(self, notification_id: UUID) -> InAppNotification | None: ...

    async def save(self, notification: InAppNotification) -> None: ...

    async def mark_all_read(self, user_id: UserId, now: datetime) -> int: ...


class PreferenceRepository(Protocol):
    async def overrides_for(self, user_id: UserId) -> dict[tuple[Category, Channel], bool]: ...

    async def save(self, user_id: UserId, preferences: list[Preference], now: datetime) -> None: ...


class NotificationsUnitOfWork(UnitOfWork, Protocol):
    @property
    def in_app(self) -> InAppRepository: ...

    @property
    def preferences(self) -> PreferenceRepository: ...
