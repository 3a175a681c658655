"""governance: the log of delegation changes, so a proposal's snapshot reads the delegations as
they stood at its voting start (not when the worker got to it); today's delegations seed it

Revision ID: 0033
Revises: 0029
Create Date: 2026-12-01 20:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "governance_delegation_changes"


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


def downgrade() -> None:
    op.drop_index("ix_governance_delegation_changes_issuer_delegator", table_name=TABLE)
    op.drop_table(TABLE)
