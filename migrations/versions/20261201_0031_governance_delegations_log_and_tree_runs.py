"""governance: the log of delegation changes, so a proposal's snapshot reads the delegations as
they stood at its voting start (not when the worker got to it; today's delegations seed it);
and each closed proposal's Merkle tree stored in runs of 256 nodes of a level instead of a row
a node (the trees stored so far are converted), which makes the close ~250 x fewer rows

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01 20:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "governance_delegation_changes"
CHUNKS = "governance_merkle_chunks"
NODES = "governance_merkle_nodes"
RUN = 256  # nodes a run holds


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("delegator_id", sa.Uuid(), nullable=False),
        sa.Column("delegate_id", sa.Uuid(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_governance_delegation_changes_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["delegator_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_delegation_changes_delegator_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_governance_delegation_changes_delegate_id_captable_stakeholders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_delegation_changes")),
    )
    op.create_index(
        "ix_governance_delegation_changes_issuer_delegator",
        TABLE,
        ["issuer_id", "delegator_id", "changed_at", "id"],
    )
    op.execute(
        f"INSERT INTO {TABLE} (issuer_id, delegator_id, delegate_id, changed_at) "  # noqa: S608
        "SELECT issuer_id, delegator_id, delegate_id, created_at FROM governance_delegations"
    )

    op.create_table(
        CHUNKS,
        sa.Column("proposal_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("hashes", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["governance_proposals.id"],
            name=op.f("fk_governance_merkle_chunks_proposal_id_governance_proposals"),
        ),
        sa.PrimaryKeyConstraint(
            "proposal_id", "level", "chunk", name=op.f("pk_governance_merkle_chunks")
        ),
    )
    # hashes do not compress; stored out of line uncompressed, a substring reads only its part
    op.execute(f"ALTER TABLE {CHUNKS} ALTER COLUMN hashes SET STORAGE EXTERNAL")
    op.execute(
        f"INSERT INTO {CHUNKS} (proposal_id, level, chunk, hashes) "  # noqa: S608
        f"SELECT proposal_id, level, position / {RUN}, "
        "string_agg(hash, ''::bytea ORDER BY position) "
        f"FROM {NODES} GROUP BY proposal_id, level, position / {RUN}"
    )
    op.drop_index("ix_governance_merkle_nodes_ballot", table_name=NODES)
    op.drop_table(NODES)


def downgrade() -> None:
    op.create_table(
        NODES,
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
        NODES,
        ["proposal_id", "ballot_id"],
        unique=True,
        postgresql_where=sa.text("ballot_id IS NOT NULL"),
    )
    # the nodes come back without their ballots: those receipts are proved by rehashing
    op.execute(
        f"INSERT INTO {NODES} (proposal_id, level, position, hash) "  # noqa: S608
        f"SELECT proposal_id, level, chunk * {RUN} + i, substring(hashes from i * 32 + 1 for 32) "
        f"FROM {CHUNKS}, generate_series(0, length(hashes) / 32 - 1) AS i"
    )
    op.drop_table(CHUNKS)
    op.drop_index("ix_governance_delegation_changes_issuer_delegator", table_name=TABLE)
    op.drop_table(TABLE)
