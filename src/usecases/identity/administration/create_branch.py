"""Open a branch."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import BRANCHES_MANAGE
from domain.identity.branch import Branch, clean_description, clean_name
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit
from usecases.identity.administration.views import BranchView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateBranch:
    actor: Actor
    name: str
    description: str | None = None


class CreateBranchHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateBranch) -> BranchView:
        authorize(cmd.actor, BRANCHES_MANAGE)
        now = self._clock.now()
        branch = Branch(
            name=clean_name(cmd.name),
            description=clean_description(cmd.description),
            created_at=now,
            updated_at=now,
        )
        async with self._uow as uow:
            await uow.branches.add(branch)  # a code drawn concurrently too is drawn again
            audit(uow, cmd.actor, "branch_created", branch.code, now=now)
            await uow.commit()
        return BranchView.of(branch)
