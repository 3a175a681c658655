"""The role catalog, by name, a page at a time: each role, its scope kind, its permissions, and
whether it requires two-factor."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import CATALOG, ROLES_READ
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest, page_in_memory
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import RoleView


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRoles:
    actor: Actor
    page: PageRequest


class ListRolesHandler:
    def __init__(self, *, access: UserAccessCache) -> None:
        self._access = access

    async def execute(self, cmd: ListRoles) -> Page[RoleView]:
        authorize(cmd.actor, ROLES_READ)
        required = await self._access.two_factor_roles()
        roles = [
            RoleView(definition=d, require_two_factor=d.name in required)
            for d in sorted(CATALOG.values(), key=lambda d: d.name)
        ]
        return page_in_memory(roles, cmd.page, scope="roles", key=lambda r: r.definition.name)
