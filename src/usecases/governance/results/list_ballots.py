"""Use case: the published ballots of a proposal, each with its record's leaf hash: after close
(or live, when the proposal shows its tally while active), with the holder's name unless the
proposal is anonymous. Company admins see them live either way."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.errors import ResultsHidden
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.governance.access import proposal_for
from usecases.governance.lifecycle import record_of
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import VoterRow


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBallots:
    actor: Actor
    proposal_id: UUID
    page: PageRequest


class ListBallotsHandler:
    def __init__(self, uow: GovernanceUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListBallots) -> Page[VoterRow]:
        async with self._uow as uow:
            proposal, found = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            if proposal.rules.hide_results and proposal.closed_at is None and not found.admin:
                raise ResultsHidden()
            ballots = await uow.ballots.page(proposal.id, cmd.page)
            names: dict[UUID, str] = {}
            if not proposal.rules.anonymous:
                infos = await uow.voting_power.stakeholders(
                    proposal.issuer_id, [b.stakeholder_id for b in ballots.items]
                )
                names = {k: v.legal_name for k, v in infos.items()}
        return Page(
            items=[
                VoterRow(
                    b, names.get(b.stakeholder_id), proposal.options, record_of(b).leaf().hex()
                )
                for b in ballots.items
            ],
            next_cursor=ballots.next_cursor,
        )
