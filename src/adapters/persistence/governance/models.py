"""Tables of governance.

A proposal's rules are columns (durations in seconds); its snapshot is one row per holder with
voting power when the proposal opened (``governance_power_snapshots``), never changed after.
Ballots are one row per holder and proposal (a unique key, whatever races above it), their
allocation over the options one row per option (``governance_ballot_allocations``, what the
tally sums in the database). Delegations are kept as they stand now
(``governance_delegations``) and as the log of their changes
(``governance_delegation_changes``) the snapshot reads as of a proposal's start. The Merkle
tree published at close is stored in runs of each level's nodes (``governance_merkle_chunks``)
for the receipts' proofs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base, UtcDateTime

FRACTION = Numeric(precision=12, scale=10, asdecimal=True)
# votes: shares (scale 8) x votes per share (scale 8)
VOTES = Numeric(precision=38, scale=16, asdecimal=True)


class GovernanceSettingsRow(Base):
    __tablename__ = "governance_settings"

    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"), primary_key=True)
    proposer_threshold: Mapped[Decimal] = mapped_column(VOTES)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (CheckConstraint("proposer_threshold >= 0", name="threshold_not_negative"),)


class ProposalRow(Base):
    __tablename__ = "governance_proposals"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    proposer_user_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    options: Mapped[list[str]] = mapped_column(JSONB)
    voting_delay_seconds: Mapped[int] = mapped_column(BigInteger)
    voting_period_seconds: Mapped[int] = mapped_column(BigInteger)
    quorum: Mapped[Decimal] = mapped_column(FRACTION)
    pass_threshold: Mapped[Decimal] = mapped_column(FRACTION)
    execution_delay_seconds: Mapped[int] = mapped_column(BigInteger)
    grace_period_seconds: Mapped[int] = mapped_column(BigInteger)
    allow_changes: Mapped[bool] = mapped_column(Boolean)
    hide_results: Mapped[bool] = mapped_column(Boolean)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    vote_start: Mapped[datetime] = mapped_column(UtcDateTime())
    vote_end: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16))
    snapshot_total: Mapped[Decimal | None] = mapped_column(VOTES)
    snapshot_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    commitment: Mapped[str | None] = mapped_column(String(64))
    canceled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    eta: Mapped[datetime | None] = mapped_column(UtcDateTime())
    executed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    board_action: Mapped[str | None] = mapped_column(Text)
    opening_notice_sent: Mapped[bool] = mapped_column(Boolean)
    closing_notice_sent: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_governance_proposals_issuer_id_created_at", "issuer_id", "created_at", "id"),
        Index("ix_governance_proposals_status_vote_end", "status", "vote_end"),
    )


class PowerSnapshotRow(Base):
    __tablename__ = "governance_power_snapshots"

    proposal_id: Mapped[UUID] = mapped_column(
        ForeignKey("governance_proposals.id"), primary_key=True
    )
    stakeholder_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_stakeholders.id"), primary_key=True
    )
    own: Mapped[Decimal] = mapped_column(VOTES)
    delegated: Mapped[Decimal] = mapped_column(VOTES)
    delegated_to: Mapped[UUID | None] = mapped_column(ForeignKey("captable_stakeholders.id"))


class BallotRow(Base):
    __tablename__ = "governance_ballots"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    proposal_id: Mapped[UUID] = mapped_column(ForeignKey("governance_proposals.id"))
    stakeholder_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    own_weight: Mapped[Decimal] = mapped_column(VOTES)
    delegated_weight: Mapped[Decimal] = mapped_column(VOTES)
    reason: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    cast_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        UniqueConstraint("proposal_id", "stakeholder_id", name="uq_governance_ballots_holder"),
        CheckConstraint("own_weight >= 0 AND delegated_weight >= 0", name="weights_not_negative"),
    )


class BallotAllocationRow(Base):
    __tablename__ = "governance_ballot_allocations"

    ballot_id: Mapped[UUID] = mapped_column(
        ForeignKey("governance_ballots.id", ondelete="CASCADE"), primary_key=True
    )
    option: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[UUID] = mapped_column(ForeignKey("governance_proposals.id"))
    weight: Mapped[Decimal] = mapped_column(VOTES)

    __table_args__ = (Index("ix_governance_ballot_allocations_proposal_id", "proposal_id"),)


class DelegationRow(Base):
    __tablename__ = "governance_delegations"

    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"), primary_key=True)
    delegator_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_stakeholders.id"), primary_key=True
    )
    delegate_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (CheckConstraint("delegator_id <> delegate_id", name="not_to_self"),)


class DelegationChangeRow(Base):
    """Every change of a delegation, appended (``delegate_id`` None: taken back), so a
    snapshot reads the delegations as they stood at a proposal's voting start."""

    __tablename__ = "governance_delegation_changes"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    delegator_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    delegate_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_stakeholders.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        Index(
            "ix_governance_delegation_changes_issuer_delegator",
            "issuer_id",
            "delegator_id",
            "changed_at",
            "id",
        ),
    )


class MerkleChunkRow(Base):
    """The commitment's tree, stored at close: each level in runs of up to 256 consecutive
    32-byte nodes (``hashes``; position = chunk x 256 + offset), level 0 the sorted leaves. A
    receipt's proof reads its leaf's run and the runs of its siblings; 100,000 ballots make
    ~800 rows."""

    __tablename__ = "governance_merkle_chunks"

    proposal_id: Mapped[UUID] = mapped_column(
        ForeignKey("governance_proposals.id"), primary_key=True
    )
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    hashes: Mapped[bytes] = mapped_column(LargeBinary)
