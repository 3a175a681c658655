"""Tables of the ledger. Entries and postings are append-only (a trigger refuses UPDATE and
DELETE); a deferred trigger refuses a commit whose entry does not sum to zero per asset.
Accounts carry their posted and held amounts, kept in step with postings and holds in the same
transaction; CHECK constraints refuse a user account below zero available.

A hot platform account (one that may go negative: bank clearing, suspense) is stored as its
own row (shard 0) and shards 1..N-1 (``parent_id`` its id): a posting to it lands on whichever
shard is free, so concurrent entries do not queue on one row; its balance is the sum."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    SmallInteger,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base

ACCOUNT_KINDS = (
    "('user_cash', 'user_securities', 'platform_fees', 'bank_clearing', 'suspense', 'fx_position')"
)
USER_KINDS = "('user_cash', 'user_securities')"


class AccountRow(Base):
    __tablename__ = "ledger_accounts"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[UUID | None]
    kind: Mapped[str] = mapped_column(String(20))
    asset_code: Mapped[str] = mapped_column(String(64))
    precision: Mapped[int] = mapped_column(SmallInteger)
    may_go_negative: Mapped[bool]
    posted: Mapped[Decimal]
    held: Mapped[Decimal]
    created_at: Mapped[datetime]
    parent_id: Mapped[UUID | None] = mapped_column(ForeignKey("ledger_accounts.id"))
    shard: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))

    __table_args__ = (
        UniqueConstraint(
            "owner_id", "kind", "asset_code", "shard", postgresql_nulls_not_distinct=True
        ),
        Index(
            "ix_ledger_accounts_parent_id",
            "parent_id",
            postgresql_where=text("parent_id IS NOT NULL"),
        ),
        CheckConstraint("(shard = 0) = (parent_id IS NULL)", name="shard_has_parent"),
        CheckConstraint(
            "shard = 0 OR (owner_id IS NULL AND may_go_negative)", name="shard_of_system_account"
        ),
        UniqueConstraint("id", "asset_code"),
        CheckConstraint(f"kind IN {ACCOUNT_KINDS}", name="kind"),
        CheckConstraint(f"(owner_id IS NOT NULL) = (kind IN {USER_KINDS})", name="owner"),
        CheckConstraint("NOT may_go_negative OR owner_id IS NULL", name="negative_system_only"),
        CheckConstraint("precision BETWEEN 0 AND 8", name="precision"),
        CheckConstraint("held >= 0", name="held_not_negative"),
        CheckConstraint("may_go_negative OR posted >= held", name="available_not_negative"),
    )


class EntryRow(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    memo: Mapped[str] = mapped_column(String(500))
    reference: Mapped[str | None] = mapped_column(String(200), unique=True)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB)
    reverses_id: Mapped[UUID | None] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    created_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_ledger_entries_created_at", "created_at", "id"),
        CheckConstraint("reverses_id IS NULL OR reverses_id <> id", name="not_self_reversal"),
    )


class PostingRow(Base):
    __tablename__ = "ledger_postings"

    entry_id: Mapped[UUID] = mapped_column(ForeignKey("ledger_entries.id"), primary_key=True)
    line: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    account_id: Mapped[UUID]
    asset_code: Mapped[str] = mapped_column(String(64))
    amount: Mapped[Decimal]
    # Written with the posting and never changed: the account's owner and the entry's time, the
    # posting's place in the order postings were written (under the account's row lock), and,
    # for owned accounts, the posted balance after it. A user's history page is then one index
    # range, newest first, at any number of postings.
    owner_id: Mapped[UUID | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    seq: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)
    balance_after: Mapped[Decimal | None]

    __table_args__ = (
        ForeignKeyConstraint(
            ["account_id", "asset_code"], ["ledger_accounts.id", "ledger_accounts.asset_code"]
        ),
        Index("ix_ledger_postings_account_id", "account_id", "entry_id"),
        Index(
            "ix_ledger_postings_owner_history",
            "owner_id",
            text("seq DESC"),
            postgresql_where=text("owner_id IS NOT NULL"),
        ),
        Index("ix_ledger_postings_account_created", "account_id", "created_at"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
    )


class HoldRow(Base):
    __tablename__ = "ledger_holds"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    account_id: Mapped[UUID]
    asset_code: Mapped[str] = mapped_column(String(64))
    amount: Mapped[Decimal]
    captured_amount: Mapped[Decimal]
    status: Mapped[str] = mapped_column(String(10))
    memo: Mapped[str] = mapped_column(String(500))
    reference: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    capture_entry_id: Mapped[UUID | None] = mapped_column(ForeignKey("ledger_entries.id"))

    __table_args__ = (
        ForeignKeyConstraint(
            ["account_id", "asset_code"], ["ledger_accounts.id", "ledger_accounts.asset_code"]
        ),
        Index("ix_ledger_holds_account_id", "account_id", "status"),
        CheckConstraint("status IN ('pending', 'captured', 'released')", name="status"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "captured_amount >= 0 AND captured_amount <= amount", name="captured_within_amount"
        ),
        CheckConstraint(
            "(status = 'pending') = (resolved_at IS NULL)", name="resolved_when_not_pending"
        ),
        CheckConstraint(
            "(status = 'captured') = (capture_entry_id IS NOT NULL)"
            " AND (status = 'captured' OR captured_amount = 0)",
            name="capture_consistent",
        ),
    )
