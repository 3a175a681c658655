"""Tables of currency conversion: the quotes users asked for and the conversions that executed
them (one a quote at most)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base

RATE = Numeric(20, 10)  # a mid rate to 6 places, the spread's 4 more on top


class FxQuoteRow(Base):
    __tablename__ = "banking_fx_quotes"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    pair: Mapped[str] = mapped_column(String(6))
    sell_currency: Mapped[str] = mapped_column(String(3))
    buy_currency: Mapped[str] = mapped_column(String(3))
    sell_amount: Mapped[Decimal]
    buy_amount: Mapped[Decimal]
    mid_rate: Mapped[Decimal] = mapped_column(RATE)
    rate: Mapped[Decimal] = mapped_column(RATE)
    spread_bps: Mapped[int] = mapped_column(SmallInteger)
    spread_amount: Mapped[Decimal]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    converted_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("sell_currency <> buy_currency", name="two_currencies"),
        CheckConstraint("sell_amount > 0 AND buy_amount > 0", name="amounts_positive"),
        CheckConstraint("spread_amount >= 0 AND spread_amount < sell_amount", name="spread"),
        CheckConstraint("mid_rate > 0 AND rate > 0", name="rates_positive"),
        CheckConstraint("expires_at > created_at", name="expiry"),
    )


class FxConversionRow(Base):
    __tablename__ = "banking_fx_conversions"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    quote_id: Mapped[UUID] = mapped_column(ForeignKey("banking_fx_quotes.id"), unique=True)
    pair: Mapped[str] = mapped_column(String(6))
    sell_currency: Mapped[str] = mapped_column(String(3))
    sell_amount: Mapped[Decimal]
    buy_currency: Mapped[str] = mapped_column(String(3))
    buy_amount: Mapped[Decimal]
    rate: Mapped[Decimal] = mapped_column(RATE)
    mid_rate: Mapped[Decimal] = mapped_column(RATE)
    spread_amount: Mapped[Decimal]
    entry_id: Mapped[UUID] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("sell_amount > 0 AND buy_amount > 0", name="amounts_positive"),
        Index("ix_banking_fx_conversions_user_created", "user_id", "created_at", "id"),
    )
