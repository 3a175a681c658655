"""Use case: how many of my notifications are unread (the badge)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.notifications.ports import NotificationsUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CountUnreadNotifications:
    actor: Actor


class CountUnreadNotificationsHandler:
    def __init__(self, uow: NotificationsUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: CountUnreadNotifications) -> int:
        if cmd.actor.user_id is None:
            raise Unauthenticated("notifications belong to a signed-in user")
        async with self._uow as uow:
            return await uow.in_app.count_unread(cmd.actor.user_id)
