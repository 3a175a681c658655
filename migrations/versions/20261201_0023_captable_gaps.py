"""captable: prices per share and par values to 10 decimal places (finer than the currency);
stock legend templates (printed on the certificates of the issuances naming them) and stock
plans (their reserves count fully diluted); the issuer's total authorized shares set by an
issuer-level adjustment event

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 15:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PRICES = (
    ("captable_share_classes", "par_value", True),
    ("captable_share_classes", "price_per_share", True),
    ("captable_share_transfers", "price_per_share", False),
)
_KINDS = (
    "'issuance', 'cancellation', 'repurchase', 'transfer', "
    "'authorized_shares_adjustment', 'split', 'conversion'"
)


def _prices(old: int, new: int) -> None:
    for table, column, nullable in _PRICES:
        op.alter_column(
            table,
            column,
            existing_type=sa.Numeric(precision=28, scale=old),
            type_=sa.Numeric(precision=28, scale=new),
            existing_nullable=nullable,
        )


def _kinds(kinds: str) -> None:
    op.drop_constraint(op.f("ck_captable_events_kind"), "captable_events", type_="check")
    op.create_check_constraint(
        op.f("ck_captable_events_kind"), "captable_events", f"kind IN ({kinds})"
    )


def upgrade() -> None:
    _prices(8, 10)
    _kinds(_KINDS + ", 'issuer_authorized_adjustment'")
    op.add_column(
        "captable_issuers",
        sa.Column("authorized_shares", sa.Numeric(precision=28, scale=8), nullable=True),
    )
    op.add_column(
        "captable_securities",
        sa.Column(
            "stock_legend_ids",
            postgresql.ARRAY(sa.Uuid()),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
    )
    op.create_table(
        "captable_stock_legends",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.String(length=10000), nullable=False),
        sa.Column("comments", postgresql.ARRAY(sa.String(length=2000)), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_stock_legends_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_stock_legends")),
    )
    op.create_index(
        "ix_captable_stock_legends_issuer_id_created_at_id",
        "captable_stock_legends",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "captable_stock_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("plan_name", sa.String(length=200), nullable=False),
        sa.Column("initial_shares_reserved", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("stock_class_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("board_approval_date", sa.Date(), nullable=True),
        sa.Column("stockholder_approval_date", sa.Date(), nullable=True),
        sa.Column("default_cancellation_behavior", sa.String(length=32), nullable=True),
        sa.Column("comments", postgresql.ARRAY(sa.String(length=2000)), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "initial_shares_reserved >= 0",
            name=op.f("ck_captable_stock_plans_reserved_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_stock_plans_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captable_stock_plans")),
    )
    op.create_index(
        "ix_captable_stock_plans_issuer_id_created_at_id",
        "captable_stock_plans",
        ["issuer_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_captable_stock_plans_issuer_id_created_at_id", "captable_stock_plans")
    op.drop_table("captable_stock_plans")
    op.drop_index("ix_captable_stock_legends_issuer_id_created_at_id", "captable_stock_legends")
    op.drop_table("captable_stock_legends")
    op.drop_column("captable_securities", "stock_legend_ids")
    op.drop_column("captable_issuers", "authorized_shares")
    _kinds(_KINDS)
    _prices(10, 8)
