"""Use case: a company admin queues a Succeeded proposal: executable from its eta (now plus
the execution delay), Expired after the grace period."""

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
class QueueProposal:
    actor: Actor
    proposal_id: UUID


class QueueProposalHandler:
    def __init__(self, uow: GovernanceUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: QueueProposal) -> ProposalView:
        step = Step("queue_proposal", lambda p, now: p.queue(now))
        return await change(self._uow, self._users, self._clock, cmd.actor, cmd.proposal_id, step)
