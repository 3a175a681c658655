"""A user's security settings: yours, or anyone's with ``users:security`` (others: 404)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_SECURITY
from domain.identity.errors import UserNotFound
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authenticated, owner_or
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import SecuritySettingsView
from usecases.identity.administration.admin_support import user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetSecuritySettings:
    actor: Actor
    user_code: str


class GetSecuritySettingsHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache) -> None:
        self._uow = uow
        self._access = access

    async def execute(self, cmd: GetSecuritySettings) -> SecuritySettingsView:
        authenticated(cmd.actor)
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            if not owner_or(cmd.actor, user.id, USERS_SECURITY):
                raise UserNotFound(cmd.user_code)
            settings = await uow.security_settings.get(user.id)
            credential = await uow.totp.get(user.id)
        roles = {g.role for g in user.grants} & await self._access.two_factor_roles()
        return SecuritySettingsView.of(
            settings,
            user_code=user.code,
            by_roles=tuple(sorted(roles)),
            two_factor_enabled=credential is not None and credential.enabled,
        )
