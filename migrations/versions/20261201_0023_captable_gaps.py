"""captable: prices per share and par values to 10 decimal places (finer than the currency)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 15:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PRICES = (
    ("captable_share_classes", "par_value", True),
    ("captable_share_classes", "price_per_share", True),
    ("captable_share_transfers", "price_per_share", False),
)


def upgrade() -> None:
    for table, column, nullable in _PRICES:
        op.alter_column(
            table,
            column,
            existing_type=sa.Numeric(precision=28, scale=8),
            type_=sa.Numeric(precision=28, scale=10),
            existing_nullable=nullable,
        )


def downgrade() -> None:
    for table, column, nullable in reversed(_PRICES):
        op.alter_column(
            table,
            column,
            existing_type=sa.Numeric(precision=28, scale=10),
            type_=sa.Numeric(precision=28, scale=8),
            existing_nullable=nullable,
        )
