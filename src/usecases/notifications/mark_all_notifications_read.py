"""Use case: mark every notification of mine read; returns how many changed."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.notifications.ports import NotificationsUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkAllNotificationsRead:
    actor: Actor


class MarkAllNotificationsReadHandler:
    def __init__(self, uow: NotificationsUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: MarkAllNotificationsRead) -> int:
        if cmd.actor.user_id is None:
            raise Unauthenticated("notifications belong to a signed-in user")
        async with self._uow as uow:
            changed = await uow.in_app.mark_all_read(cmd.actor.user_id, self._clock.now())
            uow.audit(
                AuditRecord(
                    action="notifications.mark_all_read",
                    actor=cmd.actor,
                    resource_type="user_notifications",
                    resource_id=str(cmd.actor.user_id),
                    after={"marked_read": changed},
                )
            )
            await uow.commit()
            return changed
