"""portfolio: an investor's private investments, their capital activities (deleted with the
investment) and the levels of the index series they are compared against

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01 17:44:33.615289+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portfolio_index_levels",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("series", sa.String(length=40), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("level", sa.Numeric(precision=28, scale=10), nullable=False),
        sa.CheckConstraint("level > 0", name=op.f("ck_portfolio_index_levels_level")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_portfolio_index_levels_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("owner_id", "series", "on", name=op.f("pk_portfolio_index_levels")),
    )
    op.create_table(
        "portfolio_investments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sponsor", sa.String(length=100), nullable=False),
        sa.Column("sector", sa.String(length=100), nullable=False),
        sa.Column("geography", sa.String(length=100), nullable=False),
        sa.Column("vintage", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("commitment", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('fund_commitment', 'direct_equity', 'real_estate', 'co_investment')",
            name=op.f("ck_portfolio_investments_kind"),
        ),
        sa.CheckConstraint("commitment >= 0", name=op.f("ck_portfolio_investments_commitment")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_portfolio_investments_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_investments")),
    )
    op.create_index(
        "ix_portfolio_investments_owner_id_created_at_id",
        "portfolio_investments",
        ["owner_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "portfolio_activities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("investment_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('contribution', 'fee', 'return_of_capital', 'gain', 'income', 'valuation')",
            name=op.f("ck_portfolio_activities_kind"),
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_portfolio_activities_amount")),
        sa.ForeignKeyConstraint(
            ["investment_id"],
            ["portfolio_investments.id"],
            name=op.f("fk_portfolio_activities_investment_id_portfolio_investments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_activities")),
    )
    op.create_index(
        "ix_portfolio_activities_investment_id_occurred_on_created_at_id",
        "portfolio_activities",
        ["investment_id", "occurred_on", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_portfolio_activities_investment_id_occurred_on_created_at_id",
        table_name="portfolio_activities",
    )
    op.drop_table("portfolio_activities")
    op.drop_index(
        "ix_portfolio_investments_owner_id_created_at_id", table_name="portfolio_investments"
    )
    op.drop_table("portfolio_investments")
    op.drop_table("portfolio_index_levels")
