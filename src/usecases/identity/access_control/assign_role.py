"""Give a user a role, global or over one resource (``company_admin`` of ``issuer:42``).

``roles:assign`` for ordinary roles; ``admin`` and ``super_admin`` need ``roles:assign_admin``
(super admins only), so an admin cannot make themselves or anyone else a super admin. The new
permissions apply on the user's next request."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import CATALOG, ROLES_ASSIGN, RoleGrant, UnknownRole
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignRole:
    actor: Actor
    user_code: str
    role: str
    scope: str | None = None


def required_permission(role: str) -> str:
    definition = CATALOG.get(role)
    return definition.assign_permission if definition else ROLES_ASSIGN


class AssignRoleHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: AssignRole) -> tuple[RoleGrant, ...]:
        authorize(cmd.actor, ROLES_ASSIGN)
        if cmd.role not in CATALOG:
            raise UnknownRole(cmd.role)
        authorize(cmd.actor, required_permission(cmd.role))
        grant = RoleGrant.of(cmd.role, cmd.scope)
        now = self._clock.now()
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            if user.assign_role(grant, now):
                await uow.users.save(user)
                audit(
                    uow,
                    cmd.actor,
                    "role_assigned",
                    user.code,
                    now=now,
                    details={"role": str(grant)},
                )
                await uow.commit()
        await self._access.forget(user.id)
        return tuple(user.grants)
