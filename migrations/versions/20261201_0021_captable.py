"""captable: issuers, share classes, stakeholders, the append-only event history (a trigger
refuses UPDATE and DELETE on the events and the consumptions; a security's consumption is its
primary key, so it is consumed at most once), and its projections (securities, holdings)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 14:17:05.180259+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


APPEND_ONLY = ("captable_events", "captable_consumptions")
REFUSE = """
CREATE FUNCTION captable_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the cap table history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "captable_issuers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("formation_date", sa.Date(), nullable=False),
        sa.Column("country_of_formation", sa.String(length=2), nullable=False),
        sa.Column("country_subdivision_of_formation", sa.String(length=3), nullable=True),
        sa.Column("tax_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("addresses", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rofr_window_days", sa.Integer(), nullable=False),
        sa.Column("transfer_fee_rate", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("transfer_fee_payer", sa.String(length=8), nullable=False),
        sa.Column("event_sequence", sa.BigInteger(), nullable=False),
        sa.Column("latest_event_date", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "transfer_fee_payer IN ('seller', 'buyer', 'issuer')",
            name=op.f("ck_captable_issuers_fee_payer"),
        ),
        sa.CheckConstraint("event_sequence >= 0", name=op.f("ck_captable_issuers_event_sequence")),
        sa.CheckConstraint(
            "rofr_window_days BETWEEN 0 AND 365", name=op.f("ck_captable_issuers_rofr_window")
        ),
        sa.CheckConstraint(
            "transfer_fee_rate >= 0 AND transfer_fee_rate < 1",
            name=op.f("ck_captable_issuers_fee_rate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_issuers")),
    )
    op.create_index(
        "ix_captable_issuers_created_at_id", "captable_issuers", ["created_at", "id"], unique=False
    )
    op.create_table(
        "captable_share_classes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("class_type", sa.String(length=16), nullable=False),
        sa.Column("certificate_prefix", sa.String(length=4), nullable=False),
        sa.Column("initial_shares_authorized", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("par_value", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("price_per_share", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("votes_per_share", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("seniority", sa.Integer(), nullable=False),
        sa.Column(
            "liquidation_preference_multiple", sa.Numeric(precision=28, scale=8), nullable=False
        ),
        sa.Column("participating", sa.Boolean(), nullable=False),
        sa.Column("participation_cap_multiple", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("conversion_ratio", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("allows_fractions", sa.Boolean(), nullable=False),
        sa.Column("board_approval_date", sa.Date(), nullable=True),
        sa.Column("stockholder_approval_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("authorized_shares", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("outstanding", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("certificates_issued", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "class_type IN ('common', 'preferred')",
            name=op.f("ck_captable_share_classes_class_type"),
        ),
        sa.CheckConstraint(
            "outstanding <= authorized_shares",
            name=op.f("ck_captable_share_classes_within_authorized"),
        ),
        sa.CheckConstraint(
            "outstanding >= 0", name=op.f("ck_captable_share_classes_outstanding_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_share_classes_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_share_classes")),
        sa.UniqueConstraint(
            "issuer_id",
            "certificate_prefix",
            name=op.f("uq_captable_share_classes_issuer_id_certificate_prefix"),
        ),
    )
    op.create_index(
        "ix_captable_share_classes_issuer_id_created_at_id",
        "captable_share_classes",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "captable_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("stock_class_id", sa.Uuid(), nullable=True),
        sa.Column("security_id", sa.Uuid(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('issuance', 'cancellation', 'repurchase', 'transfer', "
            "'authorized_shares_adjustment', 'split', 'conversion')",
            name=op.f("ck_captable_events_kind"),
        ),
        sa.CheckConstraint("sequence > 0", name=op.f("ck_captable_events_sequence_positive")),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_events_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_class_id"],
            ["captable_share_classes.id"],
            name=op.f("fk_captable_events_stock_class_id_captable_share_classes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_events")),
        sa.UniqueConstraint(
            "issuer_id", "sequence", name=op.f("uq_captable_events_issuer_id_sequence")
        ),
    )
    op.create_table(
        "captable_stakeholders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("stakeholder_type", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("address", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("issuer_assigned_id", sa.String(length=100), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "stakeholder_type IN ('individual', 'institution')",
            name=op.f("ck_captable_stakeholders_stakeholder_type"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_stakeholders_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_captable_stakeholders_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_stakeholders")),
    )
    op.create_index(
        "ix_captable_stakeholders_issuer_id_created_at_id",
        "captable_stakeholders",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_captable_stakeholders_user_id", "captable_stakeholders", ["user_id"], unique=False
    )
    op.create_index(
        "uq_captable_stakeholders_issuer_user",
        "captable_stakeholders",
        ["issuer_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("user_id IS NOT NULL"),
    )
    op.create_table(
        "captable_holdings",
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("stock_class_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "certificates >= 0", name=op.f("ck_captable_holdings_certificates_not_negative")
        ),
        sa.CheckConstraint(
            "quantity >= 0", name=op.f("ck_captable_holdings_quantity_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_holdings_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_captable_holdings_stakeholder_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_class_id"],
            ["captable_share_classes.id"],
            name=op.f("fk_captable_holdings_stock_class_id_captable_share_classes"),
        ),
        sa.PrimaryKeyConstraint(
            "issuer_id", "stakeholder_id", "stock_class_id", name=op.f("pk_captable_holdings")
        ),
    )
    op.create_index(
        "ix_captable_holdings_stakeholder_id", "captable_holdings", ["stakeholder_id"], unique=False
    )
    op.create_table(
        "captable_securities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("stock_class_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("certificate_number", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("created_by_event_id", sa.Uuid(), nullable=False),
        sa.Column("source_security_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("consumed_by_event_id", sa.Uuid(), nullable=True),
        sa.Column("consumed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "(status = 'outstanding') = (consumed_by_event_id IS NULL)",
            name=op.f("ck_captable_securities_consumed"),
        ),
        sa.CheckConstraint(
            "status IN ('outstanding', 'cancelled', 'repurchased', 'transferred', 'converted', "
            "'split')",
            name=op.f("ck_captable_securities_status"),
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_captable_securities_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["consumed_by_event_id"],
            ["captable_events.id"],
            name=op.f("fk_captable_securities_consumed_by_event_id_captable_events"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_event_id"],
            ["captable_events.id"],
            name=op.f("fk_captable_securities_created_by_event_id_captable_events"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_securities_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["source_security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_securities_source_security_id_captable_securities"),
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["captable_stakeholders.id"],
            name=op.f("fk_captable_securities_stakeholder_id_captable_stakeholders"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_class_id"],
            ["captable_share_classes.id"],
            name=op.f("fk_captable_securities_stock_class_id_captable_share_classes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_securities")),
        sa.UniqueConstraint(
            "issuer_id",
            "certificate_number",
            name=op.f("uq_captable_securities_issuer_id_certificate_number"),
        ),
    )
    op.create_index(
        "ix_captable_securities_issuer_class_outstanding",
        "captable_securities",
        ["issuer_id", "stock_class_id"],
        unique=False,
        postgresql_where=sa.text("status = 'outstanding'"),
    )
    op.create_index(
        "ix_captable_securities_issuer_id_issue_date",
        "captable_securities",
        ["issuer_id", "issue_date"],
        unique=False,
    )
    op.create_index(
        "ix_captable_securities_source_security_id",
        "captable_securities",
        ["source_security_id"],
        unique=False,
    )
    op.create_index(
        "ix_captable_securities_stakeholder_id",
        "captable_securities",
        ["stakeholder_id", "certificate_number"],
        unique=False,
    )
    op.create_table(
        "captable_certificate_documents",
        sa.Column("security_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("key_version", sa.String(length=32), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_certificate_documents_security_id_captable_securities"),
        ),
        sa.PrimaryKeyConstraint(
            "security_id", "status", name=op.f("pk_captable_certificate_documents")
        ),
    )
    op.create_table(
        "captable_consumptions",
        sa.Column("security_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["captable_events.id"],
            name=op.f("fk_captable_consumptions_event_id_captable_events"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_consumptions_issuer_id_captable_issuers"),
        ),
        sa.ForeignKeyConstraint(
            ["security_id"],
            ["captable_securities.id"],
            name=op.f("fk_captable_consumptions_security_id_captable_securities"),
        ),
        sa.PrimaryKeyConstraint("security_id", name=op.f("pk_captable_consumptions")),
    )
    op.create_index(
        "ix_captable_consumptions_event_id", "captable_consumptions", ["event_id"], unique=False
    )
    op.execute(REFUSE)
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION captable_refuse_change()"
        )


def downgrade() -> None:
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.execute("DROP FUNCTION captable_refuse_change()")
    op.drop_index("ix_captable_consumptions_event_id", table_name="captable_consumptions")
    op.drop_table("captable_consumptions")
    op.drop_table("captable_certificate_documents")
    op.drop_index("ix_captable_securities_stakeholder_id", table_name="captable_securities")
    op.drop_index("ix_captable_securities_source_security_id", table_name="captable_securities")
    op.drop_index("ix_captable_securities_issuer_id_issue_date", table_name="captable_securities")
    op.drop_index(
        "ix_captable_securities_issuer_class_outstanding",
        table_name="captable_securities",
        postgresql_where=sa.text("status = 'outstanding'"),
    )
    op.drop_table("captable_securities")
    op.drop_index("ix_captable_holdings_stakeholder_id", table_name="captable_holdings")
    op.drop_table("captable_holdings")
    op.drop_index(
        "uq_captable_stakeholders_issuer_user",
        table_name="captable_stakeholders",
        postgresql_where=sa.text("user_id IS NOT NULL"),
    )
    op.drop_index("ix_captable_stakeholders_user_id", table_name="captable_stakeholders")
    op.drop_index(
        "ix_captable_stakeholders_issuer_id_created_at_id", table_name="captable_stakeholders"
    )
    op.drop_table("captable_stakeholders")
    op.drop_table("captable_events")
    op.drop_index(
        "ix_captable_share_classes_issuer_id_created_at_id", table_name="captable_share_classes"
    )
    op.drop_table("captable_share_classes")
    op.drop_index("ix_captable_issuers_created_at_id", table_name="captable_issuers")
    op.drop_table("captable_issuers")
