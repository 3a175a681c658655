"""Ledger (accounts, append-only journal entries and postings, holds) and idempotency keys.

Triggers: entries and postings refuse UPDATE and DELETE; a hold changes only once, from
pending; a deferred constraint trigger refuses a commit with an entry of fewer than two
postings or one that does not sum to zero per asset.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22 18:53:18.864236+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


APPEND_ONLY_FUNCTION = """
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (post a reversing entry)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
"""
APPEND_ONLY_TRIGGERS = [
    f"""
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only()
"""
    for table in ("ledger_entries", "ledger_postings")
]
HOLD_FUNCTION = """
CREATE FUNCTION ledger_holds_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'ledger_holds: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status <> 'pending' OR NEW.id <> OLD.id OR NEW.account_id <> OLD.account_id
       OR NEW.asset_code <> OLD.asset_code OR NEW.amount <> OLD.amount
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'ledger_holds: only a pending hold is captured or released'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$
"""
HOLD_TRIGGER = """
CREATE TRIGGER ledger_holds_guard BEFORE UPDATE OR DELETE ON ledger_holds
    FOR EACH ROW EXECUTE FUNCTION ledger_holds_guard()
"""
BALANCED_FUNCTION = """
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry uuid;
BEGIN
    IF TG_TABLE_NAME = 'ledger_entries' THEN
        entry := NEW.id;
    ELSE
        entry := NEW.entry_id;
    END IF;
    IF (SELECT count(*) FROM ledger_postings WHERE entry_id = entry) < 2 THEN
        RAISE EXCEPTION 'ledger entry % has fewer than two postings', entry
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entry_balanced';
    END IF;
    IF EXISTS (SELECT 1 FROM ledger_postings WHERE entry_id = entry
               GROUP BY asset_code HAVING sum(amount) <> 0) THEN
        RAISE EXCEPTION 'ledger entry % does not sum to zero per asset', entry
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entry_balanced';
    END IF;
    RETURN NULL;
END;
$$
"""
BALANCED_TRIGGERS = [
    f"""
CREATE CONSTRAINT TRIGGER {table}_balanced AFTER INSERT ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced()
"""
    for table in ("ledger_entries", "ledger_postings")
]


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(length=120), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("response_status", sa.SmallInteger(), nullable=False),
        sa.Column("response_body", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(
        "ix_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"], unique=False
    )
    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("asset_code", sa.String(length=64), nullable=False),
        sa.Column("precision", sa.SmallInteger(), nullable=False),
        sa.Column("may_go_negative", sa.Boolean(), nullable=False),
        sa.Column("posted", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("held", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(owner_id IS NOT NULL) = (kind IN ('user_cash', 'user_securities'))",
            name=op.f("ck_ledger_accounts_owner"),
        ),
        sa.CheckConstraint(
            "kind IN ('user_cash', 'user_securities', 'platform_fees', 'bank_clearing',"
            " 'suspense')",
            name=op.f("ck_ledger_accounts_kind"),
        ),
        sa.CheckConstraint(
            "NOT may_go_negative OR owner_id IS NULL",
            name=op.f("ck_ledger_accounts_negative_system_only"),
        ),
        sa.CheckConstraint("held >= 0", name=op.f("ck_ledger_accounts_held_not_negative")),
        sa.CheckConstraint(
            "may_go_negative OR posted >= held",
            name=op.f("ck_ledger_accounts_available_not_negative"),
        ),
        sa.CheckConstraint("precision BETWEEN 0 AND 8", name=op.f("ck_ledger_accounts_precision")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
        sa.UniqueConstraint("id", "asset_code", name=op.f("uq_ledger_accounts_id_asset_code")),
        sa.UniqueConstraint(
            "owner_id",
            "kind",
            "asset_code",
            name=op.f("uq_ledger_accounts_owner_id_kind_asset_code"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("memo", sa.String(length=500), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("metadata", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("reverses_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reverses_id IS NULL OR reverses_id <> id",
            name=op.f("ck_ledger_entries_not_self_reversal"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["ledger_entries.id"],
            name=op.f("fk_ledger_entries_reverses_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("reference", name=op.f("uq_ledger_entries_reference")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_ledger_entries_reverses_id")),
    )
    op.create_index(
        "ix_ledger_entries_created_at", "ledger_entries", ["created_at", "id"], unique=False
    )
    op.create_table(
        "ledger_holds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("asset_code", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("captured_amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("memo", sa.String(length=500), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("capture_entry_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "(status = 'captured') = (capture_entry_id IS NOT NULL)"
            " AND (status = 'captured' OR captured_amount = 0)",
            name=op.f("ck_ledger_holds_capture_consistent"),
        ),
        sa.CheckConstraint(
            "(status = 'pending') = (resolved_at IS NULL)",
            name=op.f("ck_ledger_holds_resolved_when_not_pending"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'captured', 'released')", name=op.f("ck_ledger_holds_status")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_ledger_holds_amount_positive")),
        sa.CheckConstraint(
            "captured_amount >= 0 AND captured_amount <= amount",
            name=op.f("ck_ledger_holds_captured_within_amount"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "asset_code"],
            ["ledger_accounts.id", "ledger_accounts.asset_code"],
            name=op.f("fk_ledger_holds_account_id_asset_code_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["capture_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_ledger_holds_capture_entry_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_holds")),
        sa.UniqueConstraint("reference", name=op.f("uq_ledger_holds_reference")),
    )
    op.create_index(
        "ix_ledger_holds_account_id", "ledger_holds", ["account_id", "status"], unique=False
    )
    op.create_table(
        "ledger_postings",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.SmallInteger(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("asset_code", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_ledger_postings_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["account_id", "asset_code"],
            ["ledger_accounts.id", "ledger_accounts.asset_code"],
            name=op.f("fk_ledger_postings_account_id_asset_code_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_ledger_postings_entry_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint("entry_id", "line", name=op.f("pk_ledger_postings")),
    )
    op.create_index(
        "ix_ledger_postings_account_id", "ledger_postings", ["account_id", "entry_id"], unique=False
    )
    op.execute(APPEND_ONLY_FUNCTION)
    for statement in APPEND_ONLY_TRIGGERS:
        op.execute(statement)
    op.execute(HOLD_FUNCTION)
    op.execute(HOLD_TRIGGER)
    op.execute(BALANCED_FUNCTION)
    for statement in BALANCED_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("ledger_entries", "ledger_postings"):
        op.execute(f"DROP TRIGGER {table}_balanced ON {table}")
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.execute("DROP TRIGGER ledger_holds_guard ON ledger_holds")
    op.execute("DROP FUNCTION ledger_entry_balanced()")
    op.execute("DROP FUNCTION ledger_holds_guard()")
    op.execute("DROP FUNCTION ledger_append_only()")
    op.drop_index("ix_ledger_postings_account_id", table_name="ledger_postings")
    op.drop_table("ledger_postings")
    op.drop_index("ix_ledger_holds_account_id", table_name="ledger_holds")
    op.drop_table("ledger_holds")
    op.drop_index("ix_ledger_entries_created_at", table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_table("ledger_accounts")
    op.drop_index("ix_idempotency_keys_expires_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
