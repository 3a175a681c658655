"""banking: currency conversion. FX quotes (a rate with the spread, both amounts, an expiry) and
the conversions that executed them, one a quote; the ledger's account kind ``fx_position`` (the
platform's dealing position in a currency, may go negative like bank clearing)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 16:48:37.510051+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

_KINDS = "'user_cash', 'user_securities', 'platform_fees', 'bank_clearing', 'suspense'"


def _kinds(kinds: str) -> None:
    op.drop_constraint(op.f("ck_ledger_accounts_kind"), "ledger_accounts", type_="check")
    op.create_check_constraint(
        op.f("ck_ledger_accounts_kind"), "ledger_accounts", f"kind IN ({kinds})"
    )


revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _kinds(_KINDS + ", 'fx_position'")
    op.create_table(
        "banking_fx_quotes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("pair", sa.String(length=6), nullable=False),
        sa.Column("sell_currency", sa.String(length=3), nullable=False),
        sa.Column("buy_currency", sa.String(length=3), nullable=False),
        sa.Column("sell_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("buy_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("mid_rate", sa.Numeric(precision=20, scale=10), nullable=False),
        sa.Column("rate", sa.Numeric(precision=20, scale=10), nullable=False),
        sa.Column("spread_bps", sa.SmallInteger(), nullable=False),
        sa.Column("spread_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("converted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("expires_at > created_at", name=op.f("ck_banking_fx_quotes_expiry")),
        sa.CheckConstraint(
            "mid_rate > 0 AND rate > 0", name=op.f("ck_banking_fx_quotes_rates_positive")
        ),
        sa.CheckConstraint(
            "sell_amount > 0 AND buy_amount > 0", name=op.f("ck_banking_fx_quotes_amounts_positive")
        ),
        sa.CheckConstraint(
            "sell_currency <> buy_currency", name=op.f("ck_banking_fx_quotes_two_currencies")
        ),
        sa.CheckConstraint(
            "spread_amount >= 0 AND spread_amount < sell_amount",
            name=op.f("ck_banking_fx_quotes_spread"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_banking_fx_quotes_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_banking_fx_quotes")),
    )
    op.create_table(
        "banking_fx_conversions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("quote_id", sa.Uuid(), nullable=False),
        sa.Column("pair", sa.String(length=6), nullable=False),
        sa.Column("sell_currency", sa.String(length=3), nullable=False),
        sa.Column("sell_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("buy_currency", sa.String(length=3), nullable=False),
        sa.Column("buy_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("rate", sa.Numeric(precision=20, scale=10), nullable=False),
        sa.Column("mid_rate", sa.Numeric(precision=20, scale=10), nullable=False),
        sa.Column("spread_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "sell_amount > 0 AND buy_amount > 0",
            name=op.f("ck_banking_fx_conversions_amounts_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_banking_fx_conversions_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["banking_fx_quotes.id"],
            name=op.f("fk_banking_fx_conversions_quote_id_banking_fx_quotes"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_banking_fx_conversions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_banking_fx_conversions")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_banking_fx_conversions_entry_id")),
        sa.UniqueConstraint("quote_id", name=op.f("uq_banking_fx_conversions_quote_id")),
    )
    op.create_index(
        "ix_banking_fx_conversions_user_created",
        "banking_fx_conversions",
        ["user_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_banking_fx_conversions_user_created", table_name="banking_fx_conversions")
    op.drop_table("banking_fx_conversions")
    op.drop_table("banking_fx_quotes")
    _kinds(_KINDS)  # refused while an fx_position account exists (ledger rows are never deleted)
