"""Use case: my delivery preferences, one entry per category and channel."""

from __future__ import annotations

from dataclasses import dataclass

from domain.notifications.preferences import Preference, all_preferences
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.notifications.ports import NotificationsUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetNotificationPreferences:
    actor: Actor


class GetNotificationPreferencesHandler:
    def __init__(self, uow: NotificationsUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetNotificationPreferences) -> list[Preference]:
        if cmd.actor.user_id is None:
            raise Unauthenticated("preferences belong to a signed-in user")
        async with self._uow as uow:
            return all_preferences(await uow.preferences.overrides_for(cmd.actor.user_id))
