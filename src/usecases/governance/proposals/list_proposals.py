"""Use case: an issuer's proposals, newest first, optionally of one recorded status."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.proposal import ProposalState
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import Page, PageRequest
from usecases.governance.access import issuer_standing
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import ProposalView


@dataclass(frozen=True, slots=True, kw_only=True)
class ListProposals:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    status: ProposalState | None = None


class ListProposalsHandler:
    def __init__(self, uow: GovernanceUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: ListProposals) -> Page[ProposalView]:
        now = self._clock.now()
        async with self._uow as uow:
            await issuer_standing(uow, cmd.actor, cmd.issuer_id)
            status = None if cmd.status is None else cmd.status.value
            found = await uow.proposals.page(cmd.issuer_id, cmd.page, status=status)
        return Page(
            items=[ProposalView(p, p.state(now), None, p.outcome) for p in found.items],
            next_cursor=found.next_cursor,
        )
