"""The admin's steps on a proposal, each under the proposal's row lock: cancel, queue,
execute (recording the board action taken)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.governance.proposal import Proposal
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance.access import proposal_for
from usecases.governance.lifecycle import audit, close_voting
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.proposals.presenting import present
from usecases.governance.views import ProposalView
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    apply: Callable[[Proposal, datetime], None]


async def change(
    uow: GovernanceUnitOfWork,
    users: UserDirectory,
    clock: Clock,
    actor: Actor,
    proposal_id: UUID,
    step: Step,
) -> ProposalView:
    now = clock.now()
    async with uow:
        proposal, _ = await proposal_for(uow, actor, proposal_id, admin=True, for_update=True)
        if step.action != "cancel_proposal":
            await close_voting(uow, users, actor, proposal, now)  # the worker may lag
        before = proposal.state(now)
        step.apply(proposal, now)
        await uow.proposals.save(proposal)
        uow.audit(
            audit(
                actor,
                step.action,
                proposal,
                {
                    "from": before.value,
                    "to": proposal.status.value,
                    "board_action": proposal.board_action,
                },
            )
        )
        await uow.commit()
        return await present(uow, proposal, now, admin=True)
