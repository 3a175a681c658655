"""security settings: the restrictions an operator set (IP allowlist, idle timeout), which only
an operator relaxes

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 09:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "user_security_settings",
        sa.Column(
            "operator_locked",
            postgresql.ARRAY(sa.String(40)),
            server_default="{}",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("user_security_settings", "operator_locked")
