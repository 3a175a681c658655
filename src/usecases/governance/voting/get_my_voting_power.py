"""Use case: my voting power in an issuer now (own, and where I delegated it) and, for a
proposal, at its snapshot (own and delegated to me, apart)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.delegation import final_delegate
from domain.governance.errors import ProposalNotFound
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied
from usecases.governance.access import issuer_standing
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import PowerView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMyVotingPower:
    actor: Actor
    issuer_id: UUID
    proposal_id: UUID | None = None


class GetMyVotingPowerHandler:
    def __init__(self, uow: GovernanceUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetMyVotingPower) -> PowerView:
        async with self._uow as uow:
            found = await issuer_standing(uow, cmd.actor, cmd.issuer_id)
            holder = found.stakeholder_id
            if holder is None:
                raise PermissionDenied("voting power belongs to holders of the issuer")
            own = await uow.voting_power.votes_of(cmd.issuer_id, holder)
            delegations = await uow.delegations.of_issuer(cmd.issuer_id)
            entry = None
            if cmd.proposal_id is not None:
                proposal = await uow.proposals.get(cmd.proposal_id)
                if proposal is None or proposal.issuer_id != cmd.issuer_id:
                    raise ProposalNotFound(cmd.proposal_id)
                entry = await uow.snapshots.get(proposal.id, holder)
        return PowerView(holder, own, final_delegate(delegations, holder), entry)
