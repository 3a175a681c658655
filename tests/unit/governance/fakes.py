"""In-memory fakes of governance's ports for use-case unit tests: one issuer's holders with a
history of their votes (so the snapshot can be read as of an instant), proposals, snapshots,
ballots, the stored tree, delegations with their log, settings, audit records and messages.

A unit of work copies the tables when it opens and puts the copy back unless it commits, so a
refused command leaves nothing written, as the database's transaction does."""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from types import TracebackType
from typing import Self
from uuid import UUID

from domain.governance.ballot import Ballot
from domain.governance.commitment import BallotRecord, MerkleTree, merkle_proof
from domain.governance.delegation import PowerEntry
from domain.governance.proposal import Proposal
from domain.governance.tally import Tally
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.events import DomainEvent
from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Notification
from domain.shared.pagination import Page, PageRequest
from usecases.captable.public import HolderInfo
from usecases.governance.lifecycle import record_of
from usecases.governance.ports import DueProposal, StoredProof
from usecases.identity.public.user_directory import UserContact

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Tables:
    """What governance writes: copied when a unit of work opens, put back on rollback."""

    proposals: dict[UUID, Proposal] = field(default_factory=dict)
    snapshots: dict[UUID, dict[UUID, PowerEntry]] = field(default_factory=dict)
    ballots: dict[tuple[UUID, UUID], Ballot] = field(default_factory=dict)
    trees: dict[UUID, MerkleTree] = field(default_factory=dict)
    delegations: dict[UUID, UUID] = field(default_factory=dict)
    delegation_log: list[tuple[datetime, UUID, UUID | None]] = field(default_factory=list)
    thresholds: dict[UUID, Decimal] = field(default_factory=dict)
    audited: list[AuditRecord] = field(default_factory=list)
    sent: list[Notification] = field(default_factory=list)


class World:
    """One issuer; holders are linked to platform users; ``holds`` records votes at a time."""

    def __init__(self) -> None:
        self.issuer_id = new_uuid()
        self.tables = Tables()
        self.users: dict[str, UserId] = {}
        self.holders: dict[str, UUID] = {}
        self.votes: list[tuple[datetime, UUID, Decimal]] = []  # (recorded at, holder, change)
        self.contacts: dict[UserId, UserContact] = {}

    def holder(self, name: str, votes: str = "0", at: datetime = AT) -> Actor:
        user = UserId(new_uuid())
        self.users[name] = user
        self.holders[name] = new_uuid()
        self.contacts[user] = UserContact(
            user_id=user, code=f"USR-{len(self.users):06d}", name=name, email=f"{name}@ex.com"
        )
        if Decimal(votes):
            self.holds(name, votes, at)
        return self.actor(name)

    def holds(self, name: str, change: str, at: datetime) -> None:
        self.votes.append((at, self.holders[name], Decimal(change)))

    def actor(self, name: str) -> Actor:
        return Actor(kind="user", user_id=self.users[name])

    def admin(self) -> Actor:
        return Actor(
            kind="user",
            user_id=UserId(new_uuid()),
            permissions=frozenset({f"governance:propose@issuer:{self.issuer_id}"}),
        )

    def power(self, at: datetime | None = None) -> dict[UUID, Decimal]:
        totals: dict[UUID, Decimal] = {}
        for recorded, holder, change in self.votes:
            if at is None or recorded <= at:
                totals[holder] = totals.get(holder, Decimal(0)) + change
        return {h: v for h, v in totals.items() if v > 0}


class FakeVotingPower:
    def __init__(self, world: World) -> None:
        self.world = world

    async def issuer_name(self, issuer_id: UUID) -> str | None:
        return "Acme, Inc." if issuer_id == self.world.issuer_id else None

    async def stakeholder_of(self, issuer_id: UUID, user_id: UserId) -> UUID | None:
        for name, user in self.world.users.items():
            if user == user_id and issuer_id == self.world.issuer_id:
                return self.world.holders[name]
        return None

    async def stakeholders(
        self, issuer_id: UUID, ids: Collection[UUID], *, linked_only: bool = False
    ) -> dict[UUID, HolderInfo]:
        found = {}
        for name, holder in self.world.holders.items():
            if holder in ids:
                found[holder] = HolderInfo(holder, name, self.world.users[name])
        return found

    async def votes_by_holder(self, issuer_id: UUID) -> dict[UUID, Decimal]:
        return self.world.power()

    async def votes_by_holder_at(self, issuer_id: UUID, at: datetime) -> dict[UUID, Decimal]:
        return self.world.power(at)

    async def votes_of(self, issuer_id: UUID, stakeholder_id: UUID) -> Decimal:
        return self.world.power().get(stakeholder_id, Decimal(0))


class FakeProposals:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def add(self, proposal: Proposal) -> None:
        self.t.proposals[proposal.id] = proposal

    async def get(
        self, proposal_id: UUID, *, for_update: bool = False, for_share: bool = False
    ) -> Proposal | None:
        found = self.t.proposals.get(proposal_id)
        return None if found is None else copy.deepcopy(found)

    async def save(self, proposal: Proposal) -> None:
        self.t.proposals[proposal.id] = copy.deepcopy(proposal)

    async def page(
        self, issuer_id: UUID, page: PageRequest, *, status: str | None = None
    ) -> Page[Proposal]:
        items = [
            p
            for p in self.t.proposals.values()
            if p.issuer_id == issuer_id and status in (None, p.status.value)
        ]
        return Page(items=items[: page.limit])

    async def due(self, now: datetime, closing_soon: datetime, limit: int) -> list[DueProposal]:
        return [DueProposal(p.id, p.issuer_id) for p in self.t.proposals.values()][:limit]


class FakeSnapshots:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def write(self, proposal_id: UUID, entries: Collection[PowerEntry]) -> None:
        assert proposal_id not in self.t.snapshots, "a snapshot is written once"
        self.t.snapshots[proposal_id] = {e.stakeholder_id: e for e in entries}

    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> PowerEntry | None:
        return self.t.snapshots.get(proposal_id, {}).get(stakeholder_id)

    async def voters(self, proposal_id: UUID) -> list[UUID]:
        entries = self.t.snapshots.get(proposal_id, {}).values()
        return [e.stakeholder_id for e in entries if e.votes > 0]

    async def holders(self, proposal_id: UUID) -> list[UUID]:
        return list(self.t.snapshots.get(proposal_id, {}))


class FakeBallots:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def _of(self, proposal_id: UUID) -> list[Ballot]:
        return [b for (p, _), b in self.t.ballots.items() if p == proposal_id]

    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> Ballot | None:
        found = self.t.ballots.get((proposal_id, stakeholder_id))
        return None if found is None else copy.deepcopy(found)

    async def add(self, ballot: Ballot) -> None:
        key = (ballot.proposal_id, ballot.stakeholder_id)
        assert key not in self.t.ballots, "one ballot per holder (the unique key)"
        self.t.ballots[key] = copy.deepcopy(ballot)

    async def replace(self, ballot: Ballot) -> None:
        self.t.ballots[(ballot.proposal_id, ballot.stakeholder_id)] = copy.deepcopy(ballot)

    async def tally(self, proposal_id: UUID, options: int) -> Tally:
        ballots = self._of(proposal_id)
        return Tally.of(options, [b.allocation for b in ballots], [b.weight for b in ballots])

    async def by_id(self, proposal_id: UUID, ballot_id: UUID) -> Ballot | None:
        return next((b for b in self._of(proposal_id) if b.id == ballot_id), None)

    async def all(self, proposal_id: UUID) -> list[Ballot]:
        return sorted(self._of(proposal_id), key=lambda b: b.id)

    async def records(self, proposal_id: UUID) -> list[BallotRecord]:
        return [record_of(b) for b in self._of(proposal_id)]

    async def page(self, proposal_id: UUID, page: PageRequest) -> Page[Ballot]:
        return Page(items=(await self.all(proposal_id))[: page.limit])


class FakeCommitments:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def write(self, proposal_id: UUID, tree: MerkleTree) -> None:
        self.t.trees[proposal_id] = tree

    async def proof(self, proposal_id: UUID, leaf: bytes) -> StoredProof | None:
        tree = self.t.trees.get(proposal_id)
        if tree is None:
            return None
        if leaf not in tree.levels[0]:
            return StoredProof(None, ())
        return StoredProof(tree.levels[0].index(leaf), tuple(merkle_proof(tree.levels[0], leaf)))


class FakeDelegations:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def of_issuer(self, issuer_id: UUID, *, for_update: bool = False) -> dict[UUID, UUID]:
        return dict(self.t.delegations)

    async def as_of(self, issuer_id: UUID, at: datetime) -> dict[UUID, UUID]:
        standing: dict[UUID, UUID | None] = {}
        for changed, delegator, delegate in self.t.delegation_log:
            if changed <= at:
                standing[delegator] = delegate
        return {k: v for k, v in standing.items() if v is not None}

    async def put(self, issuer_id: UUID, delegator: UUID, delegate: UUID, now: datetime) -> None:
        self.t.delegations[delegator] = delegate
        self.t.delegation_log.append((now, delegator, delegate))

    async def remove(self, issuer_id: UUID, delegator: UUID, now: datetime) -> None:
        if self.t.delegations.pop(delegator, None) is not None:
            self.t.delegation_log.append((now, delegator, None))


class FakeSettings:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def proposer_threshold(self, issuer_id: UUID) -> Decimal:
        return self.t.thresholds.get(issuer_id, Decimal(0))

    async def put(self, issuer_id: UUID, proposer_threshold: Decimal, now: datetime) -> None:
        self.t.thresholds[issuer_id] = proposer_threshold


class FakeNotifier:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def notify(self, notification: Notification) -> None:
        self.t.sent.append(notification)


class FakeGovernanceUnitOfWork:
    def __init__(self, world: World) -> None:
        self.world = world
        self._saved: Tables | None = None
        self.commits = 0

    @property
    def _t(self) -> Tables:
        return self.world.tables

    @property
    def proposals(self) -> FakeProposals:
        return FakeProposals(self._t)

    @property
    def snapshots(self) -> FakeSnapshots:
        return FakeSnapshots(self._t)

    @property
    def ballots(self) -> FakeBallots:
        return FakeBallots(self._t)

    @property
    def commitments(self) -> FakeCommitments:
        return FakeCommitments(self._t)

    @property
    def delegations(self) -> FakeDelegations:
        return FakeDelegations(self._t)

    @property
    def settings(self) -> FakeSettings:
        return FakeSettings(self._t)

    @property
    def voting_power(self) -> FakeVotingPower:
        return FakeVotingPower(self.world)

    @property
    def notifier(self) -> FakeNotifier:
        return FakeNotifier(self._t)

    async def lock_issuer_delegations(self, issuer_id: UUID) -> None:
        return None

    async def __aenter__(self) -> Self:
        self._saved = copy.deepcopy(self._t)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            self.world.tables = self._saved
            self._saved = None

    async def commit(self) -> None:
        self._saved = None
        self.commits += 1

    async def rollback(self) -> None:
        if self._saved is not None:
            self.world.tables = copy.deepcopy(self._saved)

    def record(self, event: DomainEvent) -> None:
        return None

    def audit(self, record: AuditRecord) -> None:
        self._t.audited.append(record)


class FakeUsers:
    """The user directory: each holder's contact."""

    def __init__(self, world: World) -> None:
        self.world = world

    async def user_id_for_code(self, code: str) -> UserId | None:
        return next((c.user_id for c in self.world.contacts.values() if c.code == code), None)

    async def codes_for(self, user_ids: Collection[UserId]) -> dict[UserId, str]:
        return {u: self.world.contacts[u].code for u in user_ids if u in self.world.contacts}

    async def contact(self, user_id: UserId) -> UserContact | None:
        return self.world.contacts.get(user_id)
