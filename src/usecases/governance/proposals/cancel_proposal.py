"""Use case: a company admin cancels a proposal: in any state but Canceled, Expired and
Executed (Governor's ``_cancel``)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.proposals.change_state import Step, change
from usecases.governance.views import ProposalView
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelProposal:
    actor: Actor
    proposal_id: UUID


class CancelProposalHandler:
    def __init__(self, uow: GovernanceUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: CancelProposal) -> ProposalView:
        step = Step("cancel_proposal", lambda p, now: p.cancel(now))
        return await change(self._uow, self._users, self._clock, cmd.actor, cmd.proposal_id, step)
