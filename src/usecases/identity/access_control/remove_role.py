"""Take a role away. Effective on the user's next request (the access cache is dropped). The
last active super admin keeps the role."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import ROLES_ASSIGN, SUPER_ADMIN, RoleGrant
from domain.identity.errors import LastSuperAdmin
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.assign_role import required_permission
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveRole:
    actor: Actor
    user_code: str
    role: str
    scope: str | None = None


class RemoveRoleHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: RemoveRole) -> tuple[RoleGrant, ...]:
        authorize(cmd.actor, ROLES_ASSIGN)
        grant = RoleGrant.of(cmd.role, cmd.scope)  # unknown role: 422
        authorize(cmd.actor, required_permission(cmd.role))
        now = self._clock.now()
        async with self._uow as uow:
            if grant.role == SUPER_ADMIN:
                admins = await uow.users.lock_super_admins()
                target = await user_by_code(uow, cmd.user_code)
                others = [a for a in admins if a.id != target.id and not a.is_blocked]
                if target.is_super_admin and not target.is_blocked and not others:
                    raise LastSuperAdmin()
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            user.remove_role(grant, now)
            await uow.users.save(user)
            audit(uow, cmd.actor, "role_removed", user.code, now=now, details={"role": str(grant)})
            await uow.commit()
        await self._access.forget(user.id)
        return tuple(user.grants)
