"""The role catalog: each role, its scope kind, its permissions, and whether it requires
two-factor."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import CATALOG, ROLES_READ
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import RoleView


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRoles:
    actor: Actor


class ListRolesHandler:
    def __init__(self, *, access: UserAccessCache) -> None:
        self._access = access

    async def execute(self, cmd: ListRoles) -> tuple[RoleView, ...]:
        authorize(cmd.actor, ROLES_READ)
        required = await self._access.two_factor_roles()
        return tuple(
            RoleView(definition=d, require_two_factor=d.name in required) for d in CATALOG.values()
        )
