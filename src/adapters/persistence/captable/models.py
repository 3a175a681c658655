"""Tables of the cap table.

``captable_events`` is the system of record: append-only (a trigger refuses UPDATE and DELETE),
one row an event, numbered without gaps per issuer. ``captable_consumptions`` holds one row per
security an event consumed, keyed by the security: a second consumption of the same security
is refused by the primary key, whatever the code above does. Securities, holdings and the
classes' authorized and outstanding shares are the projection of the events, written in the
event's transaction; ``meridian captable rebuild`` proves they equal the replay."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import MONEY, QUANTITY, Base

APPEND_ONLY_TABLES = ("captable_events", "captable_consumptions")


# A price per share or par value: finer than the currency (``0.00001``), up to 10 places.
PRICE_PER_SHARE = Numeric(precision=28, scale=10, asdecimal=True)


class IssuerRow(Base):
    __tablename__ = "captable_issuers"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    formation_date: Mapped[date] = mapped_column(Date)
    country_of_formation: Mapped[str] = mapped_column(String(2))
    country_subdivision_of_formation: Mapped[str | None] = mapped_column(String(3))
    tax_ids: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    addresses: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    currency: Mapped[str] = mapped_column(String(3))
    rofr_window_days: Mapped[int] = mapped_column(Integer)
    transfer_fee_rate: Mapped[Decimal] = mapped_column(MONEY)
    transfer_fee_payer: Mapped[str] = mapped_column(String(8))
    event_sequence: Mapped[int] = mapped_column(BigInteger)
    latest_event_date: Mapped[date | None] = mapped_column(Date)
    # the projection of issuer-level adjustments: every class's shares together; None: unset
    authorized_shares: Mapped[Decimal | None] = mapped_column(QUANTITY)
    created_by: Mapped[UUID | None]
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("transfer_fee_payer IN ('seller', 'buyer', 'issuer')", name="fee_payer"),
        CheckConstraint("transfer_fee_rate >= 0 AND transfer_fee_rate < 1", name="fee_rate"),
        CheckConstraint("rofr_window_days BETWEEN 0 AND 365", name="rofr_window"),
        CheckConstraint("event_sequence >= 0", name="event_sequence"),
        Index("ix_captable_issuers_created_at_id", "created_at", "id"),
    )


class ShareClassRow(Base):
    __tablename__ = "captable_share_classes"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    name: Mapped[str] = mapped_column(String(200))
    class_type: Mapped[str] = mapped_column(String(16))
    certificate_prefix: Mapped[str] = mapped_column(String(4))
    initial_shares_authorized: Mapped[Decimal] = mapped_column(QUANTITY)
    par_value: Mapped[Decimal | None] = mapped_column(PRICE_PER_SHARE)
    price_per_share: Mapped[Decimal | None] = mapped_column(PRICE_PER_SHARE)
    votes_per_share: Mapped[Decimal] = mapped_column(QUANTITY)
    seniority: Mapped[int] = mapped_column(Integer)
    liquidation_preference_multiple: Mapped[Decimal] = mapped_column(QUANTITY)
    participating: Mapped[bool]
    participation_cap_multiple: Mapped[Decimal | None] = mapped_column(QUANTITY)
    conversion_ratio: Mapped[Decimal] = mapped_column(QUANTITY)
    allows_fractions: Mapped[bool]
    board_approval_date: Mapped[date | None] = mapped_column(Date)
    stockholder_approval_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    # the projection of the events
    authorized_shares: Mapped[Decimal] = mapped_column(QUANTITY)
    outstanding: Mapped[Decimal] = mapped_column(QUANTITY)
    certificates_issued: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("issuer_id", "certificate_prefix"),
        CheckConstraint("class_type IN ('common', 'preferred')", name="class_type"),
        CheckConstraint("outstanding >= 0", name="outstanding_not_negative"),
        CheckConstraint("outstanding <= authorized_shares", name="within_authorized"),
        Index("ix_captable_share_classes_issuer_id_created_at_id", "issuer_id", "created_at", "id"),
    )


class StakeholderRow(Base):
    __tablename__ = "captable_stakeholders"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    legal_name: Mapped[str] = mapped_column(String(200))
    stakeholder_type: Mapped[str] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    issuer_assigned_id: Mapped[str | None] = mapped_column(String(100))
    user_id: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(
            "stakeholder_type IN ('individual', 'institution')", name="stakeholder_type"
        ),
        Index("ix_captable_stakeholders_issuer_id_created_at_id", "issuer_id", "created_at", "id"),
        Index(
            "uq_captable_stakeholders_issuer_user",
            "issuer_id",
            "user_id",
            unique=True,
            postgresql_where=text("user_id IS NOT NULL"),
        ),
        Index("ix_captable_stakeholders_user_id", "user_id"),
    )


class EventRow(Base):
    __tablename__ = "captable_events"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    sequence: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    date: Mapped[date] = mapped_column(Date)
    stock_class_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_share_classes.id"))
    security_id: Mapped[UUID | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[UUID | None]

    __table_args__ = (
        UniqueConstraint("issuer_id", "sequence"),
        CheckConstraint("sequence > 0", name="sequence_positive"),
        CheckConstraint(
            "kind IN ('issuance', 'cancellation', 'repurchase', 'transfer', "
            "'authorized_shares_adjustment', 'split', 'conversion', "
            "'issuer_authorized_adjustment')",
            name="kind",
        ),
    )


class ConsumptionRow(Base):
    """A security consumed, by which event: at most one, ever (the primary key)."""

    __tablename__ = "captable_consumptions"

    security_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_securities.id"), primary_key=True
    )
    event_id: Mapped[UUID] = mapped_column(ForeignKey("captable_events.id"))
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))

    __table_args__ = (Index("ix_captable_consumptions_event_id", "event_id"),)


class SecurityRow(Base):
    __tablename__ = "captable_securities"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    stock_class_id: Mapped[UUID] = mapped_column(ForeignKey("captable_share_classes.id"))
    stakeholder_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    certificate_number: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    issue_date: Mapped[date] = mapped_column(Date)
    created_by_event_id: Mapped[UUID] = mapped_column(ForeignKey("captable_events.id"))
    source_security_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_securities.id"))
    status: Mapped[str] = mapped_column(String(16))
    consumed_by_event_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_events.id"))
    consumed_on: Mapped[date | None] = mapped_column(Date)
    stock_legend_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid), server_default=text("'{}'"))

    __table_args__ = (
        UniqueConstraint("issuer_id", "certificate_number"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "status IN ('outstanding', 'cancelled', 'repurchased', 'transferred', 'converted', "
            "'split')",
            name="status",
        ),
        CheckConstraint(
            "(status = 'outstanding') = (consumed_by_event_id IS NULL)", name="consumed"
        ),
        Index("ix_captable_securities_stakeholder_id", "stakeholder_id", "certificate_number"),
        Index("ix_captable_securities_source_security_id", "source_security_id"),
        Index(
            "ix_captable_securities_issuer_class_outstanding",
            "issuer_id",
            "stock_class_id",
            postgresql_where=text("status = 'outstanding'"),
        ),
        Index("ix_captable_securities_issuer_id_issue_date", "issuer_id", "issue_date"),
        # a view as of a date reads what was consumed after its checkpoint (migration 0035)
        Index(
            "ix_captable_securities_issuer_id_consumed_on",
            "issuer_id",
            "consumed_on",
            postgresql_where=text("consumed_on IS NOT NULL"),
        ),
    )


class HoldingRow(Base):
    """Outstanding shares of one class held by one stakeholder: the projection the views read."""

    __tablename__ = "captable_holdings"

    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"), primary_key=True)
    stakeholder_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_stakeholders.id"), primary_key=True
    )
    stock_class_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_share_classes.id"), primary_key=True
    )
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    certificates: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("certificates >= 0", name="certificates_not_negative"),
        Index("ix_captable_holdings_stakeholder_id", "stakeholder_id"),
    )


class CheckpointRow(Base):
    """A checkpoint of the holdings: the cap table as it stood at the end of ``as_of``, after
    event ``sequence`` (the last one dated ``as_of`` or before). Taken from the holdings
    projection every few thousand events; removed when an event dated ``as_of`` or before is
    recorded after it (it no longer says how that day ended)."""

    __tablename__ = "captable_checkpoints"

    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"), primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger)


class CheckpointHoldingRow(Base):
    """A holding at a checkpoint: outstanding shares of one class held by one stakeholder at
    the end of the checkpoint's date."""

    __tablename__ = "captable_checkpoint_holdings"

    issuer_id: Mapped[UUID] = mapped_column(primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    stakeholder_id: Mapped[UUID] = mapped_column(primary_key=True)
    stock_class_id: Mapped[UUID] = mapped_column(primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    certificates: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        ForeignKeyConstraint(
            ["issuer_id", "as_of"],
            ["captable_checkpoints.issuer_id", "captable_checkpoints.as_of"],
            ondelete="CASCADE",
            name="fk_captable_checkpoint_holdings_checkpoint",
        ),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("certificates > 0", name="certificates_positive"),
    )


class CertificateDocumentRow(Base):
    """A certificate's PDF, rendered once and kept in the document store."""

    __tablename__ = "captable_certificate_documents"

    security_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_securities.id"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), primary_key=True)  # as rendered
    document_key: Mapped[str] = mapped_column(String(200))
    key_version: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]


class StockLegendRow(Base):
    """An issuer's stock legend template (OCF ``STOCK_LEGEND_TEMPLATE``)."""

    __tablename__ = "captable_stock_legends"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(10_000))
    comments: Mapped[list[str]] = mapped_column(ARRAY(String(2000)))
    created_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_captable_stock_legends_issuer_id_created_at_id", "issuer_id", "created_at", "id"),
    )


class StockPlanRow(Base):
    """An issuer's stock plan (OCF ``STOCK_PLAN``): the shares it reserves for grants."""

    __tablename__ = "captable_stock_plans"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    plan_name: Mapped[str] = mapped_column(String(200))
    initial_shares_reserved: Mapped[Decimal] = mapped_column(QUANTITY)
    stock_class_ids: Mapped[list[UUID]] = mapped_column(ARRAY(Uuid))
    board_approval_date: Mapped[date | None] = mapped_column(Date)
    stockholder_approval_date: Mapped[date | None] = mapped_column(Date)
    default_cancellation_behavior: Mapped[str | None] = mapped_column(String(32))
    comments: Mapped[list[str]] = mapped_column(ARRAY(String(2000)))
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("initial_shares_reserved >= 0", name="reserved_not_negative"),
        Index("ix_captable_stock_plans_issuer_id_created_at_id", "issuer_id", "created_at", "id"),
    )
