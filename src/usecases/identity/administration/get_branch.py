"""One branch by code."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_READ
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import branch_by_code
from usecases.identity.administration.views import BranchView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetBranch:
    actor: Actor
    branch_code: str


class GetBranchHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetBranch) -> BranchView:
        authorize(cmd.actor, BRANCHES_READ)
        async with self._uow as uow:
            return BranchView.of(await branch_by_code(uow, cmd.branch_code))
