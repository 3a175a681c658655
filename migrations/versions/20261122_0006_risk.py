"""Risk scoring at login: the score and reasons of each scored login on its login activity row,
and each user's latest score.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 18:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("login_activity", sa.Column("risk_score", sa.Integer(), nullable=True))
    op.add_column(
        "login_activity",
        sa.Column("risk_reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column("users", sa.Column("risk_score", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "risk_score")
    op.drop_column("login_activity", "risk_reasons")
    op.drop_column("login_activity", "risk_score")
