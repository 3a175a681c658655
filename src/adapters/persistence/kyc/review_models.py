"""Reviewers' decisions on KYC submissions: append-only history, one row per decision (the step
row holds the current state; this says who decided what, when and why)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class ReviewDecisionRow(Base):
    __tablename__ = "kyc_review_decisions"
    __table_args__ = (Index(None, "user_id", "step", "decided_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID]
    step: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(String(500))
    reviewer_id: Mapped[UUID]
    decided_at: Mapped[datetime]
