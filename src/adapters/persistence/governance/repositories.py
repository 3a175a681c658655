"""Governance repositories: Core statements on governance's tables."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.governance.models import (
    BallotAllocationRow,
    BallotRow,
    DelegationChangeRow,
    DelegationRow,
    GovernanceSettingsRow,
    MerkleChunkRow,
    PowerSnapshotRow,
    ProposalRow,
)
from adapters.persistence.governance.proposal_codec import mutable_values, row_values, to_proposal
from domain.governance.ballot import Ballot
from domain.governance.commitment import (
    HASH,
    BallotRecord,
    MerkleTree,
    leaf_chunk,
    leaf_index,
    proof_chunks,
    proof_from_chunks,
)
from domain.governance.delegation import PowerEntry
from domain.governance.proposal import Proposal, ProposalState
from domain.governance.tally import Tally
from domain.shared.pagination import Page, PageRequest
from usecases.governance.ports import DueProposal, StoredProof

PROPOSALS = Keyset(
    "governance-proposals", (ProposalRow.created_at, ProposalRow.id), descending=True
)
BALLOTS = Keyset("governance-ballots", (BallotRow.id,), descending=False)
RECORD_BALLOTS = (
    f"SELECT id, revision, own_weight + delegated_weight FROM {BallotRow.__tablename__} "  # noqa: S608
    "WHERE proposal_id = $1"
)
RECORD_ALLOCATIONS = (
    f"SELECT ballot_id, option, weight FROM {BallotAllocationRow.__tablename__} "  # noqa: S608
    "WHERE proposal_id = $1"
)


class SqlProposals:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, proposal: Proposal) -> None:
        await self._session.execute(insert(ProposalRow).values(**row_values(proposal)))

    async def get(
        self, proposal_id: UUID, *, for_update: bool = False, for_share: bool = False
    ) -> Proposal | None:
        query = select(ProposalRow).where(ProposalRow.id == proposal_id)
        if for_update:
            query = query.with_for_update()
        elif for_share:
            query = query.with_for_update(read=True)
        row = await self._session.scalar(query)
        return None if row is None else to_proposal(row)

    async def save(self, proposal: Proposal) -> None:
        await self._session.execute(
            update(ProposalRow)
            .where(ProposalRow.id == proposal.id)
            .values(**mutable_values(proposal))
        )

    async def page(
        self, issuer_id: UUID, page: PageRequest, *, status: str | None = None
    ) -> Page[Proposal]:
        query = select(ProposalRow).where(ProposalRow.issuer_id == issuer_id)
        if status is not None:
            query = query.where(ProposalRow.status == status)
        rows = list(await self._session.scalars(PROPOSALS.select(query, page)))
        return PROPOSALS.page(rows, page, to_proposal)

    async def due(self, now: datetime, closing_soon: datetime, limit: int) -> list[DueProposal]:
        p = ProposalRow
        open_ = p.canceled_at.is_(None) & p.executed_at.is_(None)
        query = (
            select(p.id, p.issuer_id)
            .where(
                open_,
                or_(
                    and_(p.snapshot_at.is_(None), p.vote_start < now),
                    and_(
                        p.snapshot_at.is_not(None),
                        p.opening_notice_sent.is_(False),
                        p.closed_at.is_(None),
                    ),
                    and_(p.closed_at.is_(None), p.vote_end < now),
                    and_(
                        p.closed_at.is_(None),
                        p.closing_notice_sent.is_(False),
                        p.vote_start < now,
                        p.vote_end <= closing_soon,
                    ),
                    and_(
                        p.status == ProposalState.QUEUED.value,
                        p.eta + func.make_interval(0, 0, 0, 0, 0, 0, p.grace_period_seconds) <= now,
                    ),
                ),
            )
            .order_by(p.vote_end, p.id)
            .limit(limit)
        )
        return [DueProposal(r.id, r.issuer_id) for r in await self._session.execute(query)]


def _entry(row: PowerSnapshotRow) -> PowerEntry:
    return PowerEntry(row.stakeholder_id, row.own, row.delegated, row.delegated_to)


class SqlPowerSnapshots:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def write(self, proposal_id: UUID, entries: Collection[PowerEntry]) -> None:
        if not entries:
            return
        await self._session.execute(
            insert(PowerSnapshotRow),
            [
                {
                    "proposal_id": proposal_id,
                    "stakeholder_id": e.stakeholder_id,
                    "own": e.own,
                    "delegated": e.delegated,
                    "delegated_to": e.delegated_to,
                }
                for e in entries
            ],
        )

    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> PowerEntry | None:
        row = await self._session.scalar(
            select(PowerSnapshotRow).where(
                PowerSnapshotRow.proposal_id == proposal_id,
                PowerSnapshotRow.stakeholder_id == stakeholder_id,
            )
        )
        return None if row is None else _entry(row)

    async def holders(self, proposal_id: UUID) -> list[UUID]:
        rows = await self._session.scalars(
            select(PowerSnapshotRow.stakeholder_id).where(
                PowerSnapshotRow.proposal_id == proposal_id
            )
        )
        return list(rows)

    async def voters(self, proposal_id: UUID) -> list[UUID]:
        rows = await self._session.scalars(
            select(PowerSnapshotRow.stakeholder_id).where(
                PowerSnapshotRow.proposal_id == proposal_id,
                PowerSnapshotRow.delegated_to.is_(None),
                PowerSnapshotRow.own + PowerSnapshotRow.delegated > 0,
            )
        )
        return list(rows)


class SqlBallots:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _allocations(
        self, ballot_ids: Collection[UUID], proposal_id: UUID | None = None
    ) -> dict[UUID, dict[int, Decimal]]:
        """The allocations of ``ballot_ids``; of every ballot of ``proposal_id`` when given."""
        found: dict[UUID, dict[int, Decimal]] = {b: {} for b in ballot_ids}
        if not ballot_ids:
            return found
        query = select(
            BallotAllocationRow.ballot_id, BallotAllocationRow.option, BallotAllocationRow.weight
        )
        if proposal_id is not None:
            query = query.where(BallotAllocationRow.proposal_id == proposal_id)
        else:
            query = query.where(BallotAllocationRow.ballot_id.in_(list(ballot_ids)))
        for r in await self._session.execute(query):
            found[r.ballot_id][r.option] = r.weight
        return found

    async def _ballots(
        self, rows: list[BallotRow], proposal_id: UUID | None = None
    ) -> list[Ballot]:
        allocations = await self._allocations([r.id for r in rows], proposal_id)
        return [
            Ballot(
                id=r.id,
                proposal_id=r.proposal_id,
                stakeholder_id=r.stakeholder_id,
                own_weight=r.own_weight,
                delegated_weight=r.delegated_weight,
                allocation=allocations[r.id],
                reason=r.reason,
                revision=r.revision,
                cast_at=r.cast_at,
            )
            for r in rows
        ]

    async def get(self, proposal_id: UUID, stakeholder_id: UUID) -> Ballot | None:
        row = await self._session.scalar(
            select(BallotRow).where(
                BallotRow.proposal_id == proposal_id, BallotRow.stakeholder_id == stakeholder_id
            )
        )
        return None if row is None else (await self._ballots([row]))[0]

    async def _write_allocation(self, ballot: Ballot) -> None:
        await self._session.execute(
            insert(BallotAllocationRow),
            [
                {
                    "ballot_id": ballot.id,
                    "option": option,
                    "proposal_id": ballot.proposal_id,
                    "weight": weight,
                }
                for option, weight in ballot.allocation.items()
            ],
        )

    async def add(self, ballot: Ballot) -> None:
        await self._session.execute(
            insert(BallotRow).values(
                id=ballot.id,
                proposal_id=ballot.proposal_id,
                stakeholder_id=ballot.stakeholder_id,
                own_weight=ballot.own_weight,
                delegated_weight=ballot.delegated_weight,
                reason=ballot.reason,
                revision=ballot.revision,
                cast_at=ballot.cast_at,
            )
        )
        await self._write_allocation(ballot)

    async def replace(self, ballot: Ballot) -> None:
        await self._session.execute(
            update(BallotRow)
            .where(BallotRow.id == ballot.id)
            .values(reason=ballot.reason, revision=ballot.revision, cast_at=ballot.cast_at)
        )
        await self._session.execute(
            delete(BallotAllocationRow).where(BallotAllocationRow.ballot_id == ballot.id)
        )
        await self._write_allocation(ballot)

    async def tally(self, proposal_id: UUID, options: int) -> Tally:
        grouped = await self._session.execute(
            select(BallotAllocationRow.option, func.sum(BallotAllocationRow.weight))
            .where(BallotAllocationRow.proposal_id == proposal_id)
            .group_by(BallotAllocationRow.option)
        )
        sums = {r[0]: r[1] for r in grouped}
        row = (
            await self._session.execute(
                select(
                    func.coalesce(func.sum(BallotRow.own_weight + BallotRow.delegated_weight), 0),
                    func.count(),
                ).where(BallotRow.proposal_id == proposal_id)
            )
        ).one()
        by_option = tuple(Decimal(sums.get(i, 0)) for i in range(options))
        return Tally(by_option, Decimal(row[0]), int(row[1]))

    async def by_id(self, proposal_id: UUID, ballot_id: UUID) -> Ballot | None:
        row = await self._session.scalar(
            select(BallotRow).where(BallotRow.proposal_id == proposal_id, BallotRow.id == ballot_id)
        )
        return None if row is None else (await self._ballots([row]))[0]

    async def all(self, proposal_id: UUID) -> list[Ballot]:
        """Every ballot (the commitment, the verification): plain rows, no ORM objects."""
        columns = list(BallotRow.__table__.columns)
        query = select(*columns).where(BallotRow.proposal_id == proposal_id).order_by(BallotRow.id)
        rows = list(await self._session.execute(query))
        return await self._ballots(rows, proposal_id)  # type: ignore[arg-type]

    async def records(self, proposal_id: UUID) -> list[BallotRecord]:
        """Two plain reads on the driver (ballots, then every allocation of the proposal):
        at 100,000 ballots ~10 x cheaper than ``all`` through SQLAlchemy's result rows."""
        raw = await _driver(self._session)
        weights = await raw.fetch(RECORD_BALLOTS, proposal_id)
        allocations: dict[UUID, list[tuple[int, Decimal]]] = {r[0]: [] for r in weights}
        for ballot_id, option, weight in await raw.fetch(RECORD_ALLOCATIONS, proposal_id):
            allocations[ballot_id].append((option, weight))
        return [
            BallotRecord(
                proposal_id, ballot_id, revision, weight, tuple(sorted(allocations[ballot_id]))
            )
            for ballot_id, revision, weight in weights
        ]

    async def page(self, proposal_id: UUID, page: PageRequest) -> Page[Ballot]:
        query = select(BallotRow).where(BallotRow.proposal_id == proposal_id)
        rows = list(await self._session.scalars(BALLOTS.select(query, page)))
        ballots = {b.id: b for b in await self._ballots(rows[: page.limit + 1])}
        return BALLOTS.page(rows, page, lambda r: ballots[r.id])


CHUNK_COLUMNS = ["proposal_id", "level", "chunk", "hashes"]


async def _driver(session: AsyncSession) -> Any:
    """The asyncpg connection under the session's, in its transaction (bulk reads and COPY)."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    return raw.driver_connection


class SqlCommitments:
    """The tree goes in with one COPY of its runs (a few hundred rows, written once at close);
    a proof is three indexed reads: the first hash of every run of leaves, the leaf's run, the
    runs of its siblings."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def write(self, proposal_id: UUID, tree: MerkleTree) -> None:
        records = [(proposal_id, level, chunk, run) for level, chunk, run in tree.chunks()]
        if records:
            raw = await _driver(self._session)
            await raw.copy_records_to_table(
                MerkleChunkRow.__tablename__, records=records, columns=CHUNK_COLUMNS
            )

    async def _runs(self, proposal_id: UUID, keys: list[tuple[int, int]]) -> dict[Any, bytes]:
        c = MerkleChunkRow
        rows = await self._session.execute(
            select(c.level, c.chunk, c.hashes).where(
                c.proposal_id == proposal_id, tuple_(c.level, c.chunk).in_(keys)
            )
        )
        return {(r.level, r.chunk): bytes(r.hashes) for r in rows}

    async def proof(self, proposal_id: UUID, leaf: bytes) -> StoredProof | None:
        c = MerkleChunkRow
        firsts = [
            bytes(first)
            for first in await self._session.scalars(
                select(func.substring(c.hashes, 1, HASH))
                .where(c.proposal_id == proposal_id, c.level == 0)
                .order_by(c.chunk)
            )
        ]
        if not firsts:
            return None
        chunk = leaf_chunk(firsts, leaf)
        if chunk is None:
            return StoredProof(None, ())
        run = (await self._runs(proposal_id, [(0, chunk)]))[(0, chunk)]
        index = leaf_index(chunk, run, leaf)
        if index is None:
            return StoredProof(None, ())
        runs = await self._runs(proposal_id, proof_chunks(index))
        return StoredProof(index, tuple(proof_from_chunks(index, runs)))


class SqlDelegations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def of_issuer(self, issuer_id: UUID, *, for_update: bool = False) -> dict[UUID, UUID]:
        query = select(DelegationRow.delegator_id, DelegationRow.delegate_id).where(
            DelegationRow.issuer_id == issuer_id
        )
        if for_update:
            query = query.with_for_update()
        return {r[0]: r[1] for r in await self._session.execute(query)}

    async def as_of(self, issuer_id: UUID, at: datetime) -> dict[UUID, UUID]:
        c = DelegationChangeRow
        latest = (
            select(c.delegator_id, c.delegate_id)
            .where(c.issuer_id == issuer_id, c.changed_at <= at)
            .order_by(c.delegator_id, c.changed_at.desc(), c.id.desc())
            .ext(distinct_on(c.delegator_id))
            .subquery()
        )
        rows = await self._session.execute(
            select(latest.c.delegator_id, latest.c.delegate_id).where(
                latest.c.delegate_id.is_not(None)
            )
        )
        return {r[0]: r[1] for r in rows}

    async def _log(
        self, issuer_id: UUID, delegator: UUID, delegate: UUID | None, now: datetime
    ) -> None:
        await self._session.execute(
            insert(DelegationChangeRow).values(
                issuer_id=issuer_id, delegator_id=delegator, delegate_id=delegate, changed_at=now
            )
        )

    async def put(self, issuer_id: UUID, delegator: UUID, delegate: UUID, now: datetime) -> None:
        statement = pg_insert(DelegationRow).values(
            issuer_id=issuer_id, delegator_id=delegator, delegate_id=delegate, created_at=now
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["issuer_id", "delegator_id"],
                set_={"delegate_id": delegate, "created_at": now},
            )
        )
        await self._log(issuer_id, delegator, delegate, now)

    async def remove(self, issuer_id: UUID, delegator: UUID, now: datetime) -> None:
        removed = await self._session.execute(
            delete(DelegationRow).where(
                DelegationRow.issuer_id == issuer_id, DelegationRow.delegator_id == delegator
            )
        )
        if removed.rowcount:  # type: ignore[attr-defined]
            await self._log(issuer_id, delegator, None, now)


class SqlSettings:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def proposer_threshold(self, issuer_id: UUID) -> Decimal:
        found = await self._session.scalar(
            select(GovernanceSettingsRow.proposer_threshold).where(
                GovernanceSettingsRow.issuer_id == issuer_id
            )
        )
        return Decimal(0) if found is None else found

    async def put(self, issuer_id: UUID, proposer_threshold: Decimal, now: datetime) -> None:
        statement = pg_insert(GovernanceSettingsRow).values(
            issuer_id=issuer_id, proposer_threshold=proposer_threshold, updated_at=now
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["issuer_id"],
                set_={"proposer_threshold": proposer_threshold, "updated_at": now},
            )
        )
