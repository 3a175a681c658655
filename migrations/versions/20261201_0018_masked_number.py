"""kyc_pan.masked_pan is masked_number, the one name every masked number has

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 12:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column("kyc_pan", "masked_pan", new_column_name="masked_number")


def downgrade() -> None:
    op.alter_column("kyc_pan", "masked_number", new_column_name="masked_pan")
