"""What the governance use cases need: proposals, their snapshots and ballots, delegations and
settings on one unit of work, with the cap table's voting power read in the same transaction."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from domain.governance.ballot import Ballot
from domain.governance.commitment import BallotRecord, MerkleTree
from domain.governance.delegation import PowerEntry
from domain.governance.proposal import Proposal
from domain.governance.tally import Tally
from domain.shared.pagination import Page, PageRequest
from usecases.captable.public import VotingPower
from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class DueProposal:
    id: UUID
    issuer_id: UUID


class Proposals(Protocol):
    async def add(self, proposal: Proposal) -> None: ...

    async def get(
        self, proposal_id: UUID, *, for_update: bool = False, for_share: bool = False
    ) -> Proposal | None:
        """``for_update`` serialises lifecycle steps; ``for_share`` lets ballots proceed side by
        side while no lifecycle step (a close) can run under them."""
        ...

    async def save(self, proposal: Proposal) -> None: ...

    async def page(
        self, issuer_id: UUID, page: PageRequest, *, status: str | None = None
    ) -> Page[Proposal]: ...

    async def due(self, now: datetime, closing_soon: datetime, limit: int) -> list[DueProposal]:
        """Proposals with a lifecycle step due: to open (snapshot), to warn of closing, to
        close, or queued past their grace period."""
        ...


class PowerSnapshots(Protocol):
    async def write(self, proposal_id: UUID, entries: Collection[PowerEntry]) -> None: ...

    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> PowerEntry | None: ...

    async def voters(self, proposal_id: UUID) -> list[UUID]:
        """The holders with votes at the snapshot."""
        ...

    async def holders(self, proposal_id: UUID) -> list[UUID]:
        """Every holder in the snapshot (delegators too)."""
        ...


class Ballots(Protocol):
    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> Ballot | None: ...

    async def add(self, ballot: Ballot) -> None: ...

    async def replace(self, ballot: Ballot) -> None:
        """Save a changed ballot (its allocation, reason, revision, time)."""
        ...

    async def tally(self, proposal_id: UUID, options: int) -> Tally:
        """Summed in the database."""
        ...

    async def by_id(self, proposal_id: UUID, ballot_id: UUID) -> Ballot | None: ...

    async def all(self, proposal_id: UUID) -> list[Ballot]: ...

    async def records(self, proposal_id: UUID) -> list[BallotRecord]:
        """Every ballot's record (what the commitment hashes), read lean: the close and a
        verification without a receipt read 100,000 of them."""
        ...

    async def page(self, proposal_id: UUID, page: PageRequest) -> Page[Ballot]: ...


@dataclass(frozen=True, slots=True)
class StoredProof:
    index: int | None  # the leaf's position among the sorted leaves; None: not a leaf
    proof: tuple[str, ...]  # its siblings' hashes, from the leaves up (empty when not a leaf)


class Commitments(Protocol):
    """The Merkle tree of each closed proposal, stored at close in runs of a level's nodes."""

    async def write(self, proposal_id: UUID, tree: MerkleTree) -> None: ...

    async def proof(self, proposal_id: UUID, leaf: bytes) -> StoredProof | None:
        """Where ``leaf`` is in the stored tree and its proof; None when no tree is stored
        (a proposal closed before trees were)."""
        ...


class Delegations(Protocol):
    async def of_issuer(self, issuer_id: UUID, *, for_update: bool = False) -> dict[UUID, UUID]:
        """delegator -> delegate now; ``for_update`` serialises delegation changes of the
        issuer."""
        ...

    async def as_of(self, issuer_id: UUID, at: datetime) -> dict[UUID, UUID]:
        """delegator -> delegate as they stood at the instant ``at`` (changes made at or
        before it), from the log every change appends to."""
        ...

    async def put(
        self, issuer_id: UUID, delegator: UUID, delegate: UUID, now: datetime
    ) -> None: ...

    async def remove(self, issuer_id: UUID, delegator: UUID, now: datetime) -> None: ...


class Settings(Protocol):
    async def proposer_threshold(self, issuer_id: UUID) -> Decimal: ...

    async def put(self, issuer_id: UUID, proposer_threshold: Decimal, now: datetime) -> None: ...


class GovernanceUnitOfWork(UnitOfWork, Protocol):
    @property
    def proposals(self) -> Proposals: ...

    @property
    def snapshots(self) -> PowerSnapshots: ...

    @property
    def ballots(self) -> Ballots: ...

    @property
    def commitments(self) -> Commitments: ...

    @property
    def delegations(self) -> Delegations: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def voting_power(self) -> VotingPower: ...

    async def lock_issuer_delegations(self, issuer_id: UUID) -> None:
        """Serialise delegation changes (and snapshots) of one issuer."""
        ...


def weights(entries: Mapping[UUID, PowerEntry]) -> Decimal:
    return sum((e.votes for e in entries.values()), Decimal(0))
