"""governance: the Merkle tree of each closed proposal stored node by node (level, position;
the leaves with their ballot), so a receipt is proved from one leaf and its siblings

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-01 18:40:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "governance_merkle_nodes",
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hash", sa.LargeBinary(), nullable=False),
        sa.Column("ballot_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["governance_proposals.id"],
            name=op.f("fk_governance_merkle_nodes_proposal_id_governance_proposals"),
        ),
        sa.PrimaryKeyConstraint(
            "proposal_id", "level", "position", name=op.f("pk_governance_merkle_nodes")
        ),
    )
    op.create_index(
        "ix_governance_merkle_nodes_ballot",
        "governance_merkle_nodes",
        ["proposal_id", "ballot_id"],
        unique=True,
        postgresql_where=sa.text("ballot_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_governance_merkle_nodes_ballot", table_name="governance_merkle_nodes")
    op.drop_table("governance_merkle_nodes")
