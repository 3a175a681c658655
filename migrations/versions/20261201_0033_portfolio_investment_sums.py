"""portfolio: each investment's sums stored beside its activities (recomputed with every write
of them), so the dashboard reads one row an investment; filled from the activities recorded

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01 20:40:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=28, scale=8)


def upgrade() -> None:
    op.create_table(
        "portfolio_investment_sums",
        sa.Column("investment_id", sa.Uuid(), nullable=False),
        sa.Column("contributed", MONEY, nullable=False),
        sa.Column("fees", MONEY, nullable=False),
        sa.Column("return_of_capital", MONEY, nullable=False),
        sa.Column("gains", MONEY, nullable=False),
        sa.Column("income", MONEY, nullable=False),
        sa.Column("valuation", MONEY, nullable=True),
        sa.Column("valuation_on", sa.Date(), nullable=True),
        sa.Column("contributed_after", MONEY, nullable=False),
        sa.Column("distributed_after", MONEY, nullable=False),
        sa.Column("last_on", sa.Date(), nullable=True),
        sa.Column("flow_dates", postgresql.ARRAY(sa.Date()), nullable=False),
        sa.Column("flow_amounts", postgresql.ARRAY(sa.Double()), nullable=False),
        sa.ForeignKeyConstraint(
            ["investment_id"],
            ["portfolio_investments.id"],
            name=op.f("fk_portfolio_investment_sums_investment_id_portfolio_investments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("investment_id", name=op.f("pk_portfolio_investment_sums")),
    )
    # the investments recorded so far (the same query the repository stores them with)
    op.execute(
        """
        INSERT INTO portfolio_investment_sums
        WITH latest AS (
            SELECT DISTINCT ON (investment_id) investment_id, occurred_on, amount
            FROM portfolio_activities
            WHERE kind = 'valuation'
            ORDER BY investment_id, occurred_on DESC, created_at DESC, id DESC
        )
        SELECT a.investment_id,
            coalesce(sum(a.amount) FILTER (WHERE a.kind = 'contribution'), 0),
            coalesce(sum(a.amount) FILTER (WHERE a.kind = 'fee'), 0),
            coalesce(sum(a.amount) FILTER (WHERE a.kind = 'return_of_capital'), 0),
            coalesce(sum(a.amount) FILTER (WHERE a.kind = 'gain'), 0),
            coalesce(sum(a.amount) FILTER (WHERE a.kind = 'income'), 0),
            l.amount,
            l.occurred_on,
            coalesce(sum(a.amount) FILTER (
                WHERE a.kind = 'contribution' AND a.occurred_on > l.occurred_on), 0),
            coalesce(sum(a.amount) FILTER (
                WHERE a.kind IN ('return_of_capital', 'gain', 'income')
                    AND a.occurred_on > l.occurred_on), 0),
            max(a.occurred_on),
            coalesce(array_agg(a.occurred_on ORDER BY a.occurred_on, a.created_at, a.id)
                FILTER (WHERE a.kind <> 'valuation'), '{}'),
            coalesce(array_agg(
                (CASE WHEN a.kind IN ('contribution', 'fee') THEN -a.amount ELSE a.amount END)
                    ::float8 ORDER BY a.occurred_on, a.created_at, a.id
            ) FILTER (WHERE a.kind <> 'valuation'), '{}')
        FROM portfolio_activities a LEFT JOIN latest l USING (investment_id)
        GROUP BY a.investment_id, l.amount, l.occurred_on
        """
    )


def downgrade() -> None:
    op.drop_table("portfolio_investment_sums")
