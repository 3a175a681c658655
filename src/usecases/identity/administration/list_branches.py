"""Branches by name (removed ones are not listed)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_READ
from domain.shared.actor import Actor
from domain.shared.errors import invalid_field
from domain.shared.pagination import MAX_LIMIT
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.views import BranchPageView, BranchView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBranches:
    actor: Actor
    limit: int = 50
    offset: int = 0


class ListBranchesHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListBranches) -> BranchPageView:
        authorize(cmd.actor, BRANCHES_READ)
        if not 1 <= cmd.limit <= MAX_LIMIT:
            raise invalid_field("limit", f"between 1 and {MAX_LIMIT}")
        async with self._uow as uow:
            branches, total = await uow.branches.page(limit=cmd.limit, offset=cmd.offset)
        return BranchPageView(
            items=tuple(BranchView.of(b) for b in branches),
            total=total,
            limit=cmd.limit,
            offset=cmd.offset,
        )
