"""Require two-factor for every holder of a role (or stop requiring it). Until a holder turns
two-factor on, the permissions their roles grant are held back: they can still use their own
account (and turn two-factor on). Takes effect on the next request."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import (
    CATALOG,
    ROLES_MANAGE,
    TWO_FACTOR_ROLES,
    TwoFactorRoleRequired,
    UnknownRole,
)
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import RoleView
from usecases.identity.administration.admin_support import audit
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class SetRoleTwoFactor:
    actor: Actor
    role: str
    require_two_factor: bool


class SetRoleTwoFactorHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: SetRoleTwoFactor) -> RoleView:
        authorize(cmd.actor, ROLES_MANAGE)
        definition = CATALOG.get(cmd.role)
        if definition is None:
            raise UnknownRole(cmd.role)
        if cmd.role in TWO_FACTOR_ROLES and not cmd.require_two_factor:
            raise TwoFactorRoleRequired(cmd.role)
        now = self._clock.now()
        async with self._uow as uow:
            await uow.role_policies.set_two_factor(cmd.role, cmd.require_two_factor, now=now)
            audit(
                uow,
                cmd.actor,
                "role_two_factor_changed",
                cmd.role,
                now=now,
                details={"require_two_factor": str(cmd.require_two_factor)},
            )
            await uow.commit()
        await self._access.forget_role_policies()
        required = cmd.require_two_factor or cmd.role in TWO_FACTOR_ROLES
        return RoleView(definition=definition, require_two_factor=required)
