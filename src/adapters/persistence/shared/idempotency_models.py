"""Idempotency keys of money-moving requests, per caller scope: the stored result, written in
the transaction of the effect. ``response_status`` and ``response_body`` are only set on rows
written before results were stored (what was answered then); they expire with those rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, SmallInteger, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class IdempotencyKeyRow(Base):
    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    result: Mapped[Any | None] = mapped_column(JSONB)
    response_status: Mapped[int | None] = mapped_column(SmallInteger)
    response_body: Mapped[Any | None] = mapped_column(JSONB)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_idempotency_keys_expires_at", "expires_at"),
        CheckConstraint(
            "result IS NOT NULL OR response_body IS NOT NULL", name="result_or_earlier_answer"
        ),
    )
