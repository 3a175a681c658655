"""Branches by name (removed ones are not listed), a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_READ
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.views import BranchView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBranches:
    actor: Actor
    page: PageRequest


class ListBranchesHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListBranches) -> Page[BranchView]:
        authorize(cmd.actor, BRANCHES_READ)
        async with self._uow as uow:
            found = await uow.branches.page(cmd.page)
        return Page(items=[BranchView.of(b) for b in found.items], next_cursor=found.next_cursor)
