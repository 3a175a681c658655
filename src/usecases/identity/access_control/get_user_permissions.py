"""A user's effective permissions, each with the roles it comes from. Yours to read; anyone
else's with ``users:read`` (others get 404, as for an unknown code)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_READ, effective_permissions
from domain.identity.errors import UserNotFound
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authenticated, owner_or
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import PermissionsView
from usecases.identity.administration.admin_support import user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetUserPermissions:
    actor: Actor
    user_code: str


class GetUserPermissionsHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache) -> None:
        self._uow = uow
        self._access = access

    async def execute(self, cmd: GetUserPermissions) -> PermissionsView:
        authenticated(cmd.actor)
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            if not owner_or(cmd.actor, user.id, USERS_READ):
                raise UserNotFound(cmd.user_code)
            settings = await uow.security_settings.get(user.id)
            credential = await uow.totp.get(user.id)
        grants = user.grants
        by_roles = {g.role for g in grants} & await self._access.two_factor_roles()
        return PermissionsView(
            user_code=user.code,
            roles=tuple(grants),
            permissions=tuple(effective_permissions(grants)),
            two_factor_required=settings.require_two_factor or bool(by_roles),
            two_factor_enabled=credential is not None and credential.enabled,
        )
