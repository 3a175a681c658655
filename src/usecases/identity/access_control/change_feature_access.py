"""Grant or revoke a user's access to a feature (for features open to granted users only)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_ACCESS
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, feature_by_code, user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeFeatureAccess:
    actor: Actor
    user_code: str
    feature_code: str
    granted: bool


class ChangeFeatureAccessHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: ChangeFeatureAccess) -> tuple[str, ...]:
        authorize(cmd.actor, USERS_ACCESS)
        now = self._clock.now()
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            feature = await feature_by_code(uow, cmd.feature_code)
            if cmd.granted:
                changed = await uow.features.grant(user.id, feature.id, now=now)
            else:
                changed = await uow.features.revoke(user.id, feature.id)
            if changed:
                action = "feature_granted" if cmd.granted else "feature_revoked"
                audit(uow, cmd.actor, action, user.code, now=now, details={"feature": feature.key})
            keys = await uow.features.granted_keys(user.id)
            await uow.commit()
        return tuple(keys)
