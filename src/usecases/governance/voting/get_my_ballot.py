"""Use case: my ballot on a proposal, with its receipt."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.errors import BallotNotFound
from domain.shared.actor import Actor
from usecases.governance.access import proposal_for
from usecases.governance.lifecycle import record_of
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import BallotView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMyBallot:
    actor: Actor
    proposal_id: UUID


class GetMyBallotHandler:
    def __init__(self, uow: GovernanceUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetMyBallot) -> BallotView:
        async with self._uow as uow:
            proposal, found = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            if found.stakeholder_id is None:
                raise BallotNotFound()
            ballot = await uow.ballots.get(proposal.id, found.stakeholder_id)
            if ballot is None:
                raise BallotNotFound()
        return BallotView(ballot, record_of(ballot).receipt(), proposal.options)
