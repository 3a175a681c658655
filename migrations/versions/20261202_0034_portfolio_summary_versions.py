"""portfolio: each owner's summary version, moved on in the same transaction by every write
that changes their dashboard's private half (investments and their activities), so a cached
dashboard is keyed by it and never read stale

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-02 00:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # no row: version 0 (an owner nobody wrote for since this revision)
    op.create_table(
        "portfolio_summary_versions",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_portfolio_summary_versions_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_portfolio_summary_versions")),
        sa.CheckConstraint("version > 0", name=op.f("ck_portfolio_summary_versions_version")),
    )


def downgrade() -> None:
    op.drop_table("portfolio_summary_versions")
