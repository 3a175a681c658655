"""Use case: mark one of my notifications read (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.notifications.in_app import InAppNotification
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import NotFound
from usecases.notifications.ports import NotificationsUnitOfWork


class NotificationNotFound(NotFound):
    code = "notification_not_found"
    title = "Notification not found"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkNotificationRead:
    actor: Actor
    notification_id: UUID


class MarkNotificationReadHandler:
    def __init__(self, uow: NotificationsUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: MarkNotificationRead) -> InAppNotification:
        async with self._uow as uow:
            notification = await uow.in_app.get_for_update(cmd.notification_id)
            # Another user's notification answers exactly like a missing one.
            if notification is None or not cmd.actor.owns(notification.user_id):
                raise NotificationNotFound(f"no notification {cmd.notification_id}")
            if notification.mark_read(self._clock.now()):
                await uow.in_app.save(notification)
                uow.audit(
                    AuditRecord(
                        action="notifications.mark_read",
                        actor=cmd.actor,
                        resource_type="notification",
                        resource_id=str(notification.id),
                        before={"read_at": None},
                        after={"read_at": notification.read_at},
                    )
                )
                await uow.commit()
            return notification
