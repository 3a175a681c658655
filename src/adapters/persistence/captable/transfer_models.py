"""Tables of the share-transfer workflow.

One row a transfer (``TRF-0001``, numbered per issuer), its terms in NUMERIC, its state and its
right-of-first-refusal window; every write happens under the issuer's row lock (the cap table's
writers queue on it), and ``version`` guards a write that did not take it. The worker's scans
(windows past their deadline, live transfers past their expiry) and the keyset pages each have
an index. A completed transfer's agreement PDF is rendered once and kept in the document store;
``captable_transfer_documents`` remembers where."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import MONEY, QUANTITY, Base
from adapters.persistence.captable.models import PRICE_PER_SHARE

LIVE = "status IN ('pending', 'rofr_exercised', 'approved')"


class ShareTransferRow(Base):
    __tablename__ = "captable_share_transfers"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    issuer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_issuers.id"))
    reference: Mapped[str] = mapped_column(String(16))
    seller_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    buyer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    noticed_buyer_id: Mapped[UUID] = mapped_column(ForeignKey("captable_stakeholders.id"))
    source_security_id: Mapped[UUID] = mapped_column(ForeignKey("captable_securities.id"))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    price_per_share: Mapped[Decimal] = mapped_column(PRICE_PER_SHARE)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    rofr: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    rofr_deadline: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    approved_by: Mapped[UUID | None]
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(500))
    completed_at: Mapped[datetime | None]
    # what completion did
    event_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_events.id"))
    buyer_security_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_securities.id"))
    balance_security_id: Mapped[UUID | None] = mapped_column(ForeignKey("captable_securities.id"))
    settlement: Mapped[str | None] = mapped_column(String(16))
    fee: Mapped[Decimal | None] = mapped_column(MONEY)
    fee_payer: Mapped[str | None] = mapped_column(String(8))
    journal_entry_id: Mapped[UUID | None]
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("issuer_id", "reference"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("price_per_share >= 0", name="price_not_negative"),
        CheckConstraint("fee IS NULL OR fee >= 0", name="fee_not_negative"),
        CheckConstraint("seller_id <> buyer_id", name="buyer_is_not_seller"),
        CheckConstraint(
            "status IN ('draft', 'pending', 'rofr_exercised', 'approved', 'completed', "
            "'rejected', 'withdrawn', 'expired')",
            name="status",
        ),
        CheckConstraint(
            "rofr IN ('not_started', 'open', 'waived', 'lapsed', 'exercised')", name="rofr"
        ),
        CheckConstraint(
            "settlement IS NULL OR settlement IN ('platform', 'off_platform')", name="settlement"
        ),
        CheckConstraint(
            "(status = 'completed') = (event_id IS NOT NULL)", name="completed_has_event"
        ),
        CheckConstraint("version > 0", name="version_positive"),
        # an issuer's list, newest first
        Index("ix_captable_share_transfers_issuer_created", "issuer_id", "created_at", "id"),
        # a party's list
        Index("ix_captable_share_transfers_seller_created", "seller_id", "created_at", "id"),
        Index("ix_captable_share_transfers_buyer_created", "buyer_id", "created_at", "id"),
        # the locks on a certificate: its live transfers
        Index(
            "ix_captable_share_transfers_live_source",
            "source_security_id",
            postgresql_where=text(LIVE),
        ),
        # the worker: open windows by deadline, live transfers by expiry
        Index(
            "ix_captable_share_transfers_open_rofr",
            "rofr_deadline",
            postgresql_where=text("status = 'pending' AND rofr = 'open'"),
        ),
        Index(
            "ix_captable_share_transfers_live_expiry",
            "expires_at",
            postgresql_where=text(LIVE),
        ),
    )


class TransferDocumentRow(Base):
    """A completed transfer's agreement PDF, rendered once and kept in the document store."""

    __tablename__ = "captable_transfer_documents"

    transfer_id: Mapped[UUID] = mapped_column(
        ForeignKey("captable_share_transfers.id"), primary_key=True
    )
    document_key: Mapped[str] = mapped_column(String(200))
    key_version: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
