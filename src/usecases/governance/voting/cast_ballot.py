"""Use case: a holder casts (or, where the proposal allows, changes) their ballot while the
proposal is active. The weight is the holder's at the snapshot: own and delegated to them, none
once delegated away. Ballots of many holders proceed side by side (a shared lock on the
proposal, which only its closing takes exclusively); one holder has one ballot (a unique key).
The answer carries the receipt that proves the ballot after close."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from domain.governance.ballot import Ballot, allocate, checked_reason
from domain.governance.errors import BallotAlreadyCast, NoVotingPower, ProposalNotActive
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.governance.access import proposal_for
from usecases.governance.lifecycle import open_voting, record_of
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import BallotView
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class CastBallot:
    actor: Actor
    proposal_id: UUID
    choices: Sequence[int] = ()
    shares: Mapping[int, Decimal] = field(default_factory=dict)
    reason: str | None = None


class CastBallotHandler:
    def __init__(
        self, uow: Callable[[], GovernanceUnitOfWork], users: UserDirectory, clock: Clock
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def _opened(self, cmd: CastBallot) -> None:
        """Open the proposal if its start passed before the worker reached it."""
        now = self._clock.now()
        async with self._uow() as uow:
            proposal, _ = await proposal_for(uow, cmd.actor, cmd.proposal_id)
            if not proposal.needs_snapshot(now):
                return
            proposal, _ = await proposal_for(uow, cmd.actor, cmd.proposal_id, for_update=True)
            if await open_voting(uow, None, cmd.actor, proposal, now):
                await uow.commit()

    async def execute(self, cmd: CastBallot) -> BallotView:
        await self._opened(cmd)
        now = self._clock.now()
        reason = checked_reason(cmd.reason)
        async with self._uow() as uow:
            proposal, found = await proposal_for(uow, cmd.actor, cmd.proposal_id, for_share=True)
            active = (
                proposal.canceled_at is None
                and proposal.closed_at is None
                and proposal.snapshot_at is not None
                and proposal.vote_start < now <= proposal.vote_end
            )
            if not active:
                raise ProposalNotActive(proposal.state(now).value)
            if found.stakeholder_id is None:
                raise NoVotingPower("only holders of the issuer vote")
            entry = await uow.snapshots.get(proposal.id, found.stakeholder_id)
            if entry is None or entry.votes <= 0:
                detail = None
                if entry is not None and entry.delegated_to is not None:
                    detail = "this holder's voting power was delegated at the snapshot"
                raise NoVotingPower(*([detail] if detail else []))
            allocation = allocate(
                proposal.rules.kind, len(proposal.options), entry.votes, cmd.choices, cmd.shares
            )
            ballot = await uow.ballots.get(proposal.id, found.stakeholder_id)
            if ballot is None:
                own = entry.own if entry.delegated_to is None else Decimal(0)
                ballot = Ballot.new(
                    proposal_id=proposal.id,
                    stakeholder_id=found.stakeholder_id,
                    own_weight=own,
                    delegated_weight=entry.delegated,
                    allocation=allocation,
                    reason=reason,
                    now=now,
                )
                await uow.ballots.add(ballot)
            elif not proposal.rules.allow_changes:
                raise BallotAlreadyCast()
            else:
                ballot.change(allocation, reason, now)
                await uow.ballots.replace(ballot)
            uow.audit(_audit(cmd.actor, ballot))
            await uow.commit()
        return BallotView(ballot, record_of(ballot).receipt(), proposal.options)


def _audit(actor: Actor, ballot: Ballot) -> AuditRecord:
    return AuditRecord(
        action="governance.cast_ballot",
        actor=actor,
        resource_type="ballot",
        resource_id=str(ballot.id),
        after={
            "proposal_id": str(ballot.proposal_id),
            "stakeholder_id": str(ballot.stakeholder_id),
            "revision": ballot.revision,
            "weight": str(ballot.weight),
            "allocation": {str(i): str(w) for i, w in ballot.allocation.items()},
            "reason": ballot.reason,
        },
    )
