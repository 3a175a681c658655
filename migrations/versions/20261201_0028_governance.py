"""governance: proposals with their rules and lifecycle, the voting-power snapshot taken when
one opens, ballots (one per holder) with their allocation over the options, delegations between
holders, and the proposer threshold of each issuer

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01 17:32:24.375537+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "governance_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("proposer_user_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("options", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("voting_delay_seconds", sa.BigInteger(), nullable=False),
        sa.Column("voting_period_seconds", sa.BigInteger(), nullable=False),
        sa.Column("quorum", sa.Numeric(precision=12, scale=10), nullable=False),
        sa.Column("pass_threshold", sa.Numeric(precision=12, scale=10), nullable=False),
        sa.Column("execution_delay_seconds", sa.BigInteger(), nullable=False),
        sa.Column("grace_period_seconds", sa.BigInteger(), nullable=False),
        sa.Column("allow_changes", sa.Boolean(), nullable=False),
        sa.Column("hide_results", sa.Boolean(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vote_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vote_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("snapshot_total", sa.Numeric(precision=38, scale=16), nullable=True),
        sa.Column("snapshot_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("commitment", sa.String(length=64), nullable=True),
        sa.Column("canceled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("eta", sa.DateTime(timezone=True), nullable=True),
        sa.Column("executed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("board_action", sa.Text(), nullable=True),
        sa.Column("opening_notice_sent", sa.Boolean(), nullable=False),
        sa.Column("closing_notice_sent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_governance_proposals_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_proposals")),
    )
    op.create_index(
        "ix_governance_proposals_issuer_id_created_at",
        "governance_proposals",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_governance_proposals_status_vote_end",
        "governance_proposals",
        ["status", "vote_end"],
        unique=False,
    )
    op.create_table(
        "governance_settings",
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("proposer_threshold", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "proposer_threshold >= 0", name=op.f("ck_governance_settings_threshold_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_governance_settings_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("issuer_id", name=op.f("pk_governance_settings")),
    )
    op.create_table(
        "governance_ballots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("own_weight", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.Column("delegated_weight", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "own_weight >= 0 AND delegated_weight >= 0",
            name=op.f("ck_governance_ballots_weights_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["governance_proposals.id"],
            name=op.f("fk_governance_ballots_proposal_id_governance_proposals"),
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_ballots_stakeholder_id_captable_stakeholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_ballots")),
        sa.UniqueConstraint("proposal_id", "stakeholder_id", name="uq_governance_ballots_holder"),
    )
    op.create_table(
        "governance_delegations",
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("delegator_id", sa.Uuid(), nullable=False),
        sa.Column("delegate_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "delegator_id <> delegate_id", name=op.f("ck_governance_delegations_not_to_self")
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_delegations_delegate_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["delegator_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_delegations_delegator_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_governance_delegations_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint(
            "issuer_id", "delegator_id", name=op.f("pk_governance_delegations")
        ),
    )
    op.create_table(
        "governance_power_snapshots",
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("own", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.Column("delegated", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.Column("delegated_to", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["delegated_to"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_power_snapshots_delegated_to_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["governance_proposals.id"],
            name=op.f("fk_governance_power_snapshots_proposal_id_governance_proposals"),
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_power_snapshots_stakeholder_id_captable_stakeholders"),
        ),
        sa.PrimaryKeyConstraint(
            "proposal_id", "stakeholder_id", name=op.f("pk_governance_power_snapshots")
        ),
    )
    op.create_table(
        "governance_ballot_allocations",
        sa.Column("ballot_id", sa.Uuid(), nullable=False),
        sa.Column("option", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("weight", sa.Numeric(precision=38, scale=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["governance_ballots.id"],
            name=op.f("fk_governance_ballot_allocations_ballot_id_governance_ballots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["governance_proposals.id"],
            name=op.f("fk_governance_ballot_allocations_proposal_id_governance_proposals"),
        ),
        sa.PrimaryKeyConstraint(
            "ballot_id", "option", name=op.f("pk_governance_ballot_allocations")
        ),
    )
    op.create_index(
        "ix_governance_ballot_allocations_proposal_id",
        "governance_ballot_allocations",
        ["proposal_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_governance_ballot_allocations_proposal_id", table_name="governance_ballot_allocations"
    )
    op.drop_table("governance_ballot_allocations")
    op.drop_table("governance_power_snapshots")
    op.drop_table("governance_delegations")
    op.drop_table("governance_ballots")
    op.drop_table("governance_settings")
    op.drop_index("ix_governance_proposals_status_vote_end", table_name="governance_proposals")
    op.drop_index("ix_governance_proposals_issuer_id_created_at", table_name="governance_proposals")
    op.drop_table("governance_proposals")
