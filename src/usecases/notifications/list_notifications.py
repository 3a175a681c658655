"""Use case: a page of my in-app notifications, newest first, optionally unread only."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.notifications.in_app import InAppNotification
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.pagination import Page, PageRequest
from usecases.notifications.ports import NotificationsUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListNotifications:
    actor: Actor
    unread_only: bool = False
    page: PageRequest = field(default_factory=PageRequest)


class ListNotificationsHandler:
    def __init__(self, uow: NotificationsUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListNotifications) -> Page[InAppNotification]:
        if cmd.actor.user_id is None:
            raise Unauthenticated("notifications belong to a signed-in user")
        async with self._uow as uow:
            return await uow.in_app.page_for(
                cmd.actor.user_id, unread_only=cmd.unread_only, page=cmd.page
            )
