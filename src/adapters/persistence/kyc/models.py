"""Tables of the KYC context. Raw Aadhaar numbers are never stored: only the sealed token,
the blind index and the masked form."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import BigInteger, Date, Float, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class AadhaarRow(Base):
    __tablename__ = "kyc_aadhaar"

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    sealed_number: Mapped[str] = mapped_column(Text)
    number_index: Mapped[str] = mapped_column(String(64), unique=True)
    masked_number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    otp_reference: Mapped[str | None] = mapped_column(String(100))
    otp_requested_at: Mapped[datetime | None]
    otp_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PanRow(Base):
    __tablename__ = "kyc_pan"

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    pan: Mapped[str] = mapped_column(String(10))
    pan_index: Mapped[str] = mapped_column(String(64), unique=True)
    masked_number: Mapped[str] = mapped_column(String(10))
    holder: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    registered_name: Mapped[str | None] = mapped_column(String(200))
    name_match_score: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BusinessRow(Base):
    __tablename__ = "kyc_business"

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    constitution: Mapped[str] = mapped_column(String(20))
    gstin: Mapped[str] = mapped_column(String(15))
    registered_address: Mapped[str] = mapped_column(String(500))
    contact_channel: Mapped[str] = mapped_column(String(10))
    contact: Mapped[str] = mapped_column(String(254))
    contact_verified_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BankRow(Base):
    """Raw account numbers are never stored: the sealed token, blind index and masked form.
    One verified row per account (an unverified claim blocks nobody)."""

    __tablename__ = "kyc_bank"
    __table_args__ = (
        Index(
            "uq_kyc_bank_verified_number_index",
            "number_index",
            unique=True,
            postgresql_where=text("state = 'verified'"),
        ),
    )

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    sealed_number: Mapped[str] = mapped_column(Text)
    number_index: Mapped[str] = mapped_column(String(64), index=True)
    masked_number: Mapped[str] = mapped_column(String(20))
    ifsc: Mapped[str] = mapped_column(String(11))
    bank_name: Mapped[str] = mapped_column(String(200))
    branch: Mapped[str] = mapped_column(String(200))
    holder_name: Mapped[str | None] = mapped_column(String(200))
    name_match_score: Mapped[float | None] = mapped_column(Float)
    penny_drop_reference: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class KycDocumentRow(Base):
    """An uploaded file's record; the bytes live sealed in the document store."""

    __tablename__ = "kyc_documents"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID]
    kind: Mapped[str] = mapped_column(String(40))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    key_version: Mapped[str] = mapped_column(String(32))
    uploaded_at: Mapped[datetime]

    __table_args__ = (Index("ix_kyc_documents_user_id_kind", "user_id", "kind"),)
