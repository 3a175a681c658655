"""Use case: one proposal with its state and, unless hidden until close, its live tally (the
final one once closed). Holders of the issuer and its company admins see it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance.access import proposal_for
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.proposals.presenting import present
from usecases.governance.views import ProposalView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetProposal:
    actor: Actor
    proposal_id: UUID


class GetProposalHandler:
    def __init__(self, uow: GovernanceUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: GetProposal) -> ProposalView:
        async with self._uow as uow:
            proposal, found = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            return await present(uow, proposal, self._clock.now(), admin=found.admin)
