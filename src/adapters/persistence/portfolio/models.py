"""Tables of the portfolio: investments, their capital activities and documents (deleted with
the investment), and each owner's index series' levels."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import MONEY, Base

INDEX_LEVEL = Numeric(precision=28, scale=10, asdecimal=True)


class InvestmentRow(Base):
    __tablename__ = "portfolio_investments"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    sponsor: Mapped[str] = mapped_column(String(100))
    sector: Mapped[str] = mapped_column(String(100))
    geography: Mapped[str] = mapped_column(String(100))
    vintage: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    commitment: Mapped[Decimal] = mapped_column(MONEY)
    start_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(
            "kind IN ('fund_commitment', 'direct_equity', 'real_estate', 'co_investment')",
            name="kind",
        ),
        CheckConstraint("commitment >= 0", name="commitment"),
        Index("ix_portfolio_investments_owner_id_created_at_id", "owner_id", "created_at", "id"),
    )


class ActivityRow(Base):
    __tablename__ = "portfolio_activities"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    investment_id: Mapped[UUID] = mapped_column(
        ForeignKey("portfolio_investments.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(
            "kind IN ('contribution', 'fee', 'return_of_capital', 'gain', 'income', 'valuation')",
            name="kind",
        ),
        CheckConstraint("amount >= 0", name="amount"),
        Index(
            "ix_portfolio_activities_investment_id_occurred_on_created_at_id",
            "investment_id",
            "occurred_on",
            "created_at",
            "id",
        ),
    )


class InvestmentSumsRow(Base):
    """What an investment's figures are made of (``Sums``), kept beside its activities: every
    write of its activities recomputes the row in the same transaction (the repository does),
    so the dashboard reads one stored row an investment instead of aggregating them all."""

    __tablename__ = "portfolio_investment_sums"

    investment_id: Mapped[UUID] = mapped_column(
        ForeignKey("portfolio_investments.id", ondelete="CASCADE"), primary_key=True
    )
    contributed: Mapped[Decimal] = mapped_column(MONEY)
    fees: Mapped[Decimal] = mapped_column(MONEY)
    return_of_capital: Mapped[Decimal] = mapped_column(MONEY)
    gains: Mapped[Decimal] = mapped_column(MONEY)
    income: Mapped[Decimal] = mapped_column(MONEY)
    valuation: Mapped[Decimal | None] = mapped_column(MONEY)
    valuation_on: Mapped[date | None] = mapped_column(Date)
    contributed_after: Mapped[Decimal] = mapped_column(MONEY)
    distributed_after: Mapped[Decimal] = mapped_column(MONEY)
    last_on: Mapped[date | None] = mapped_column(Date)
    flow_dates: Mapped[list[date]] = mapped_column(ARRAY(Date))
    flow_amounts: Mapped[list[float]] = mapped_column(ARRAY(Double))


class SummaryVersionRow(Base):
    """Each owner's summary version: every write of their investments or activities moves it
    on in its own transaction (the repositories do), and the cached dashboard is keyed by it.
    No row is version 0."""

    __tablename__ = "portfolio_summary_versions"

    owner_id: Mapped[UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (CheckConstraint("version > 0", name="version"),)


class IndexLevelRow(Base):
    __tablename__ = "portfolio_index_levels"

    owner_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    on: Mapped[date] = mapped_column(Date, primary_key=True)
    level: Mapped[Decimal] = mapped_column(INDEX_LEVEL)

    __table_args__ = (CheckConstraint("level > 0", name="level"),)


class InvestmentDocumentRow(Base):
    """A document attached to an investment: the file is sealed in the document store
    (``storage_key``, under ``key_version``); the row goes with its investment (the use case
    deletes the files after the commit)."""

    __tablename__ = "portfolio_documents"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    investment_id: Mapped[UUID] = mapped_column(
        ForeignKey("portfolio_investments.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    key_version: Mapped[str] = mapped_column(String(32))
    uploaded_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("kind IN ('statement', 'tax_document', 'agreement')", name="kind"),
        CheckConstraint("size_bytes > 0", name="size_bytes"),
        Index(
            "ix_portfolio_documents_investment_id_uploaded_at_id",
            "investment_id",
            "uploaded_at",
            "id",
        ),
    )
