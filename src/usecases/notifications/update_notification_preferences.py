"""Use case: turn optional categories and channels on or off (security stays on)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.notifications.preferences import Preference, all_preferences, validate_changes
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.notifications.ports import NotificationsUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateNotificationPreferences:
    actor: Actor
    changes: tuple[Preference, ...]


class UpdateNotificationPreferencesHandler:
    def __init__(self, uow: NotificationsUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: UpdateNotificationPreferences) -> list[Preference]:
        if cmd.actor.user_id is None:
            raise Unauthenticated("preferences belong to a signed-in user")
        changes = validate_changes(cmd.changes)
        async with self._uow as uow:
            previous = {
                _key(p): p.enabled
                for p in all_preferences(await uow.preferences.overrides_for(cmd.actor.user_id))
            }
            await uow.preferences.save(cmd.actor.user_id, changes, self._clock.now())
            current = all_preferences(await uow.preferences.overrides_for(cmd.actor.user_id))
            uow.audit(
                AuditRecord(
                    action="notifications.update_preferences",
                    actor=cmd.actor,
                    resource_type="notification_preferences",
                    resource_id=str(cmd.actor.user_id),
                    before=previous,
                    after={_key(p): p.enabled for p in current},
                )
            )
            await uow.commit()
            return current


def _key(preference: Preference) -> str:
    return f"{preference.category.value}.{preference.channel.value}"
