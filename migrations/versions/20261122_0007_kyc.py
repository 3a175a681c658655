"""KYC: the Aadhaar and PAN steps (sealed Aadhaar number, blind indexes, masked forms).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 19:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kyc_aadhaar",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("sealed_number", sa.Text(), nullable=False),
        sa.Column("number_index", sa.String(length=64), nullable=False),
        sa.Column("masked_number", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_kyc_aadhaar")),
        sa.UniqueConstraint("number_index", name=op.f("uq_kyc_aadhaar_number_index")),
    )
    op.create_table(
        "kyc_pan",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("pan", sa.String(length=10), nullable=False),
        sa.Column("pan_index", sa.String(length=64), nullable=False),
        sa.Column("masked_pan", sa.String(length=10), nullable=False),
        sa.Column("holder", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("registered_name", sa.String(length=200), nullable=True),
        sa.Column("name_match_score", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_kyc_pan")),
        sa.UniqueConstraint("pan_index", name=op.f("uq_kyc_pan_pan_index")),
    )


def downgrade() -> None:
    op.drop_table("kyc_pan")
    op.drop_table("kyc_aadhaar")
