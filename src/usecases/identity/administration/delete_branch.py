"""Remove a branch (soft delete). A branch that users belong to stays: 409 until they move.
The branch row is locked, and assigning a user to a branch locks it too, so a removal and an
assignment cannot both win."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_MANAGE
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, branch_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteBranch:
    actor: Actor
    branch_code: str


class DeleteBranchHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: DeleteBranch) -> None:
        authorize(cmd.actor, BRANCHES_MANAGE)
        now = self._clock.now()
        async with self._uow as uow:
            branch = await branch_by_code(uow, cmd.branch_code, for_update=True)
            branch.remove(users=await uow.users.count_in_branch(branch.id), now=now)
            await uow.branches.save(branch)
            audit(uow, cmd.actor, "branch_removed", branch.code, now=now)
            await uow.commit()
