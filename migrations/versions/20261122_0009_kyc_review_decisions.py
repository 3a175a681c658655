"""KYC review: reviewers' decisions on step submissions (append-only history).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 18:55:11.528066+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kyc_review_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("reviewer_id", sa.Uuid(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kyc_review_decisions")),
    )
    op.create_index(
        op.f("ix_kyc_review_decisions_user_id_step_decided_at"),
        "kyc_review_decisions",
        ["user_id", "step", "decided_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_kyc_review_decisions_user_id_step_decided_at"), table_name="kyc_review_decisions"
    )
    op.drop_table("kyc_review_decisions")
