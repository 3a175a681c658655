"""A proposal as its readers see it: the state now; the tally live while active unless hidden
until close (company admins see it either way), final after close."""

from __future__ import annotations

from datetime import datetime

from domain.governance.proposal import Proposal
from usecases.governance.lifecycle import outcome_of
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import ProposalView


async def present(
    uow: GovernanceUnitOfWork, proposal: Proposal, now: datetime, *, admin: bool = False
) -> ProposalView:
    if proposal.snapshot_at is None:
        return ProposalView(proposal, proposal.state(now), None, None)
    tally = await uow.ballots.tally(proposal.id, len(proposal.options))
    live = outcome_of(proposal, tally)
    state = proposal.state(now, live)
    hidden = proposal.rules.hide_results and proposal.closed_at is None and not admin
    if hidden:
        return ProposalView(proposal, state, None, None)
    return ProposalView(proposal, state, tally, proposal.outcome or live)
