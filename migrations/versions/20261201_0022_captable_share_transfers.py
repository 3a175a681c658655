"""captable: the share-transfer workflow (one row a transfer, numbered TRF-0001 per issuer, its
terms in NUMERIC, state, right-of-first-refusal window, what completion did, and a version) with
indexes for the worker's scans (open windows by deadline, live transfers by expiry), the locks on
a certificate and the keyset pages; and the stored agreement PDFs

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 14:28:53.396200+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "captable_share_transfers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("seller_id", sa.Uuid(), nullable=False),
        sa.Column("buyer_id", sa.Uuid(), nullable=False),
        sa.Column("noticed_buyer_id", sa.Uuid(), nullable=False),
        sa.Column("source_security_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("price_per_share", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rofr", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rofr_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("buyer_security_id", sa.Uuid(), nullable=True),
        sa.Column("balance_security_id", sa.Uuid(), nullable=True),
        sa.Column("settlement", sa.String(length=16), nullable=True),
        sa.Column("fee", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("fee_payer", sa.String(length=8), nullable=True),
        sa.Column("journal_entry_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(status = 'completed') = (event_id IS NOT NULL)",
            name=op.f("ck_captable_share_transfers_completed_has_event"),
        ),
        sa.CheckConstraint(
            "rofr IN ('not_started', 'open', 'waived', 'lapsed', 'exercised')",
            name=op.f("ck_captable_share_transfers_rofr"),
        ),
        sa.CheckConstraint(
            "settlement IS NULL OR settlement IN ('platform', 'off_platform')",
            name=op.f("ck_captable_share_transfers_settlement"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'pending', 'rofr_exercised', 'approved', 'completed', "
            "'rejected', 'withdrawn', 'expired')",
            name=op.f("ck_captable_share_transfers_status"),
        ),
        sa.CheckConstraint(
            "fee IS NULL OR fee >= 0", name=op.f("ck_captable_share_transfers_fee_not_negative")
        ),
        sa.CheckConstraint(
            "price_per_share >= 0", name=op.f("ck_captable_share_transfers_price_not_negative")
        ),
        sa.CheckConstraint(
            "quantity > 0", name=op.f("ck_captable_share_transfers_quantity_positive")
        ),
        sa.CheckConstraint(
            "seller_id <> buyer_id", name=op.f("ck_captable_share_transfers_buyer_is_not_seller")
        ),
        sa.CheckConstraint(
            "version > 0", name=op.f("ck_captable_share_transfers_version_positive")
        ),
        sa.ForeignKeyConstraint(
            ["balance_security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_share_transfers_balance_security_id_captable_securities"),
        ),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_captable_share_transfers_buyer_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["buyer_security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_share_transfers_buyer_security_id_captable_securities"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["captable_events.id"],
            name=op.f("fk_captable_share_transfers_event_id_captable_events"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_share_transfers_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["noticed_buyer_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_captable_share_transfers_noticed_buyer_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_captable_share_transfers_seller_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["source_security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_share_transfers_source_security_id_captable_securities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_share_transfers")),
        sa.UniqueConstraint(
            "issuer_id", "reference", name=op.f("uq_captable_share_transfers_issuer_id_reference")
        ),
    )
    op.create_index(
        "ix_captable_share_transfers_buyer_created",
        "captable_share_transfers",
        ["buyer_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_captable_share_transfers_issuer_created",
        "captable_share_transfers",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_captable_share_transfers_live_expiry",
        "captable_share_transfers",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("status IN ('pending', 'rofr_exercised', 'approved')"),
    )
    op.create_index(
        "ix_captable_share_transfers_live_source",
        "captable_share_transfers",
        ["source_security_id"],
        unique=False,
        postgresql_where=sa.text("status IN ('pending', 'rofr_exercised', 'approved')"),
    )
    op.create_index(
        "ix_captable_share_transfers_open_rofr",
        "captable_share_transfers",
        ["rofr_deadline"],
        unique=False,
        postgresql_where=sa.text("status = 'pending' AND rofr = 'open'"),
    )
    op.create_index(
        "ix_captable_share_transfers_seller_created",
        "captable_share_transfers",
        ["seller_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "captable_transfer_documents",
        sa.Column("transfer_id", sa.Uuid(), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("key_version", sa.String(length=32), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["transfer_id"],
            ["captable_share_transfers.id"],
            name=op.f("fk_captable_transfer_documents_transfer_id_captable_share_transfers"),
        ),
        sa.PrimaryKeyConstraint("transfer_id", name=op.f("pk_captable_transfer_documents")),
    )


def downgrade() -> None:
    op.drop_table("captable_transfer_documents")
    op.drop_index(
        "ix_captable_share_transfers_seller_created", table_name="captable_share_transfers"
    )
    op.drop_index(
        "ix_captable_share_transfers_open_rofr",
        table_name="captable_share_transfers",
        postgresql_where=sa.text("status = 'pending' AND rofr = 'open'"),
    )
    op.drop_index(
        "ix_captable_share_transfers_live_source",
        table_name="captable_share_transfers",
        postgresql_where=sa.text("status IN ('pending', 'rofr_exercised', 'approved')"),
    )
    op.drop_index(
        "ix_captable_share_transfers_live_expiry",
        table_name="captable_share_transfers",
        postgresql_where=sa.text("status IN ('pending', 'rofr_exercised', 'approved')"),
    )
    op.drop_index(
        "ix_captable_share_transfers_issuer_created", table_name="captable_share_transfers"
    )
    op.drop_index(
        "ix_captable_share_transfers_buyer_created", table_name="captable_share_transfers"
    )
    op.drop_table("captable_share_transfers")
