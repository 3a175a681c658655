"""Tables of banking: linked bank accounts (sealed numbers), deposits, withdrawals, rail
instructions (an outbox the worker submits), received webhook events, and risk activity."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, SmallInteger, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class BankAccountRow(Base):
    __tablename__ = "banking_bank_accounts"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    sealed_number: Mapped[str] = mapped_column(String(500))
    number_index: Mapped[str] = mapped_column(String(128))
    masked_number: Mapped[str] = mapped_column(String(24))
    ifsc: Mapped[str] = mapped_column(String(11))
    bank_name: Mapped[str | None] = mapped_column(String(200))
    holder_name: Mapped[str] = mapped_column(String(200))
    name_match_score: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(String(64))
    is_primary: Mapped[bool]
    source: Mapped[str] = mapped_column(String(16))
    penny_drop_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("state IN ('verified', 'failed')", name="state"),
        CheckConstraint("source IN ('kyc', 'linked')", name="source"),
        CheckConstraint(
            "NOT is_primary OR (state = 'verified' AND removed_at IS NULL)", name="primary_verified"
        ),
        Index(
            "uq_banking_bank_accounts_user_number",
            "user_id",
            "number_index",
            unique=True,
            postgresql_where=text("removed_at IS NULL"),
        ),
        Index(
            "uq_banking_bank_accounts_one_primary",
            "user_id",
            unique=True,
            postgresql_where=text("is_primary"),
        ),
        Index(
            "uq_banking_bank_accounts_kyc_once",
            "user_id",
            unique=True,
            postgresql_where=text("source = 'kyc'"),
        ),
    )


class DepositRow(Base):
    __tablename__ = "banking_deposits"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    rail_reference: Mapped[str | None] = mapped_column(String(100))
    failure_reason: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("state IN ('pending', 'completed', 'failed')", name="state"),
        CheckConstraint("(state = 'pending') = (settled_at IS NULL)", name="settled"),
        Index("ix_banking_deposits_user_created", "user_id", "created_at", "id"),
    )


class WithdrawalRow(Base):
    __tablename__ = "banking_withdrawals"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    bank_account_id: Mapped[UUID] = mapped_column(ForeignKey("banking_bank_accounts.id"))
    hold_id: Mapped[UUID] = mapped_column(ForeignKey("ledger_holds.id"), unique=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    state: Mapped[str] = mapped_column(String(16))
    stepped_up: Mapped[bool]
    risk_score: Mapped[int] = mapped_column(SmallInteger)
    risk_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    rail_reference: Mapped[str | None] = mapped_column(String(100))
    failure_reason: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("state IN ('pending', 'completed', 'failed')", name="state"),
        CheckConstraint("(state = 'pending') = (settled_at IS NULL)", name="settled"),
        CheckConstraint("risk_score BETWEEN 0 AND 100", name="risk_score"),
        Index("ix_banking_withdrawals_user_created", "user_id", "created_at", "id"),
        Index(
            "ix_banking_withdrawals_pending_account",
            "bank_account_id",
            postgresql_where=text("state = 'pending'"),
        ),
    )


class RailInstructionRow(Base):
    __tablename__ = "banking_rail_instructions"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str | None] = mapped_column(String(16))
    bank_account_id: Mapped[UUID | None] = mapped_column(ForeignKey("banking_bank_accounts.id"))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    rail_reference: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("kind IN ('collection', 'payout')", name="kind"),
        CheckConstraint(
            "state IN ('pending', 'submitted', 'dead', 'cancelled', 'settled')", name="state"
        ),
        CheckConstraint(
            "kind = 'collection' OR bank_account_id IS NOT NULL", name="payout_account"
        ),
        Index(
            "ix_banking_rail_instructions_due",
            "next_attempt_at",
            postgresql_where=text("state = 'pending'"),
        ),
        Index("ix_banking_rail_instructions_created", "created_at", "id"),
        Index(
            "ix_banking_rail_instructions_unsettled",
            "next_attempt_at",
            postgresql_where=text("state = 'submitted'"),
        ),
    )


class WebhookEventRow(Base):
    __tablename__ = "banking_webhook_events"

    event_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime]


class RiskEventRow(Base):
    __tablename__ = "banking_risk_events"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    event: Mapped[str] = mapped_column(String(40))
    succeeded: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(String(100))
    score: Mapped[int] = mapped_column(SmallInteger)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    occurred_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_banking_risk_events_user_occurred", "user_id", "occurred_at", "id"),
    )
