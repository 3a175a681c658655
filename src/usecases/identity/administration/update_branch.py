"""Rename a branch or change its description."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_MANAGE
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, branch_by_code
from usecases.identity.administration.views import BranchView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateBranch:
    actor: Actor
    branch_code: str
    name: str | None = None
    description: str | None = None
    clear_description: bool = False


class UpdateBranchHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: UpdateBranch) -> BranchView:
        authorize(cmd.actor, BRANCHES_MANAGE)
        now = self._clock.now()
        async with self._uow as uow:
            branch = await branch_by_code(uow, cmd.branch_code, for_update=True)
            branch.update(
                name=cmd.name,
                description=cmd.description,
                clear_description=cmd.clear_description,
                now=now,
            )
            await uow.branches.save(branch)
            audit(uow, cmd.actor, "branch_updated", branch.code, now=now)
            await uow.commit()
        return BranchView.of(branch)
