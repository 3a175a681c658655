"""Use case (the worker's): the deadlines of every proposal. Opening ones whose start passed
(their snapshot), warning holders of those closing within a day, closing ones whose end
passed (tally, decision, commitment, result to the holders), and expiring queued ones past
their grace period. Each proposal in its own transaction under its row lock, so a racing
ballot, cancel or execute either happened first or sees the new state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from domain.governance.proposal import CLOSING_SOON, ProposalState
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.governance import messages
from usecases.governance.lifecycle import audit, close_voting, open_voting, tell
from usecases.governance.ports import DueProposal, GovernanceUnitOfWork
from usecases.identity.public.user_directory import UserDirectory

WORKER = Actor.system("governance-worker")
BATCH: Final = 200


@dataclass(frozen=True, slots=True)
class Advanced:
    opened: int = 0
    warned: int = 0
    closed: int = 0
    expired: int = 0

    def __bool__(self) -> bool:
        return bool(self.opened or self.warned or self.closed or self.expired)


@dataclass(frozen=True, slots=True, kw_only=True)
class AdvanceProposals:
    actor: Actor = WORKER


class AdvanceProposalsHandler:
    def __init__(
        self, uow: Callable[[], GovernanceUnitOfWork], users: UserDirectory, clock: Clock
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: AdvanceProposals) -> Advanced:
        now = self._clock.now()
        async with self._uow() as uow:
            due = await uow.proposals.due(now, now + CLOSING_SOON, BATCH)
        counts = {"opened": 0, "warned": 0, "closed": 0, "expired": 0}
        for item in due:
            for step in await self._one(cmd.actor, item):
                counts[step] += 1
        return Advanced(**counts)

    async def _one(self, actor: Actor, item: DueProposal) -> list[str]:
        now = self._clock.now()
        done: list[str] = []
        async with self._uow() as uow:
            proposal = await uow.proposals.get(item.id, for_update=True)
            if proposal is None:
                return done
            if await open_voting(uow, self._users, actor, proposal, now):
                done.append("opened")
            elif (
                proposal.snapshot_at is not None
                and not proposal.opening_notice_sent
                and not proposal.needs_closing(now)
            ):
                # opened by a ballot before the worker got here: tell the holders now
                proposal.opening_notice_sent = True
                await uow.proposals.save(proposal)
                holders = await uow.snapshots.holders(proposal.id)
                await tell(uow, self._users, messages.OPENED, proposal, holders)
                done.append("opened")
            if await close_voting(uow, self._users, actor, proposal, now):
                done.append("closed")
            elif (
                proposal.snapshot_at is not None
                and proposal.closed_at is None
                and proposal.canceled_at is None
                and not proposal.closing_notice_sent
                and proposal.vote_end - now <= CLOSING_SOON
            ):
                proposal.closing_notice_sent = True
                await uow.proposals.save(proposal)
                voters = set(await uow.snapshots.voters(proposal.id))
                uow.audit(audit(actor, "warn_closing", proposal, {"holders": len(voters)}))
                await tell(uow, self._users, messages.CLOSING_SOON, proposal, voters)
                done.append("warned")
            if proposal.closed_at is not None and proposal.refresh(now):
                await uow.proposals.save(proposal)
                if proposal.status is ProposalState.EXPIRED:
                    uow.audit(audit(actor, "expire_proposal", proposal, {"state": "expired"}))
                    done.append("expired")
            if done:
                await uow.commit()
        return done
