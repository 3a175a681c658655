"""Find users by name, email, mobile, code, role, status, KYC level or branch; sorted, a page at
a time (the cursor keeps the filters' order: a cursor of another sort is refused)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from domain.identity.access import CATALOG, USERS_READ, UnknownRole
from domain.identity.human_code import USER_PREFIX, normalise_code
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import branch_by_code
from usecases.identity.administration.ports import UserQuery
from usecases.identity.administration.views import UserAdminView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchUsers:
    actor: Actor
    query: UserQuery
    page: PageRequest
    branch_code: str | None = None


class SearchUsersHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: SearchUsers) -> Page[UserAdminView]:
        authorize(cmd.actor, USERS_READ)
        query = cmd.query
        if query.role is not None and query.role not in CATALOG:
            raise UnknownRole(query.role)
        if query.code is not None:
            query = replace(query, code=normalise_code(query.code, USER_PREFIX) or query.code)
        async with self._uow as uow:
            if cmd.branch_code is not None:
                wanted = await branch_by_code(uow, cmd.branch_code)
                query = replace(query, branch_id=wanted.id)
            found = await uow.users.search(query, cmd.page)
            codes: dict[UUID, str | None] = {}
            for branch_id in {u.branch_id for u in found.items if u.branch_id}:
                branch = await uow.branches.get(branch_id)
                codes[branch_id] = branch.code if branch else None
        return Page(
            items=[
                UserAdminView.of(u, branch_code=codes.get(u.branch_id) if u.branch_id else None)
                for u in found.items
            ],
            next_cursor=found.next_cursor,
        )
