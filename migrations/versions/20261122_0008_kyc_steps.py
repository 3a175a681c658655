"""KYC steps: Aadhaar OTP state, business details, bank account (sealed number, blind index
unique among verified accounts).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 20:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kyc_bank",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("sealed_number", sa.Text(), nullable=False),
        sa.Column("number_index", sa.String(length=64), nullable=False),
        sa.Column("masked_number", sa.String(length=20), nullable=False),
        sa.Column("ifsc", sa.String(length=11), nullable=False),
        sa.Column("bank_name", sa.String(length=200), nullable=False),
        sa.Column("branch", sa.String(length=200), nullable=False),
        sa.Column("holder_name", sa.String(length=200), nullable=True),
        sa.Column("name_match_score", sa.Float(), nullable=True),
        sa.Column("penny_drop_reference", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_kyc_bank")),
    )
    op.create_index(op.f("ix_kyc_bank_number_index"), "kyc_bank", ["number_index"], unique=False)
    op.create_index(
        "uq_kyc_bank_verified_number_index",
        "kyc_bank",
        ["number_index"],
        unique=True,
        postgresql_where=sa.text("state = 'verified'"),
    )
    op.create_table(
        "kyc_business",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("constitution", sa.String(length=20), nullable=False),
        sa.Column("gstin", sa.String(length=15), nullable=False),
        sa.Column("registered_address", sa.String(length=500), nullable=False),
        sa.Column("contact_channel", sa.String(length=10), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("contact_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_kyc_business")),
    )
    op.add_column("kyc_aadhaar", sa.Column("otp_reference", sa.String(length=100), nullable=True))
    op.add_column(
        "kyc_aadhaar", sa.Column("otp_requested_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "kyc_aadhaar", sa.Column("otp_attempts", sa.Integer(), server_default="0", nullable=False)
    )


def downgrade() -> None:
    op.drop_column("kyc_aadhaar", "otp_attempts")
    op.drop_column("kyc_aadhaar", "otp_requested_at")
    op.drop_column("kyc_aadhaar", "otp_reference")
    op.drop_table("kyc_business")
    op.drop_index(
        "uq_kyc_bank_verified_number_index",
        table_name="kyc_bank",
        postgresql_where=sa.text("state = 'verified'"),
    )
    op.drop_index(op.f("ix_kyc_bank_number_index"), table_name="kyc_bank")
    op.drop_table("kyc_bank")
