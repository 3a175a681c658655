"""The audit trail table, shared by every context that records: append-only (a trigger
refuses DELETE, and every UPDATE but the one that seals an unsealed row), hash-chained by the
sealer after commit; and the chain's head, where the sealer left off."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import BigInteger, CheckConstraint, Identity, Index, SmallInteger, String, Text
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class AuditRow(Base):
    __tablename__ = "audit_log"

    # writing order, from a sequence: no lock; a rolled-back transaction leaves a gap
    seq: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    id: Mapped[UUID] = mapped_column(unique=True)
    occurred_at: Mapped[datetime]
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(120))
    resource_type: Mapped[str] = mapped_column(String(80))
    resource_id: Mapped[str | None] = mapped_column(String(120))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB)
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(128))
    # the API key the actor used (the actor is then the key's owner); NULL otherwise
    api_key_id: Mapped[str | None] = mapped_column(String(64))
    # set once by the sealer: the place in the chain (1, 2, 3... in sealing order) and the links
    chain_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_actor", "actor_id", "seq"),
        Index("ix_audit_log_resource", "resource_type", "resource_id", "seq"),
        Index("ix_audit_log_action", "action", "seq"),
        Index("ix_audit_log_occurred_at", "occurred_at"),
        Index("ix_audit_log_unsealed", "seq", postgresql_where=sql("hash IS NULL")),
        CheckConstraint(
            "(chain_seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL)",
            name="sealed_together",
        ),
    )


class AuditChainHeadRow(Base):
    """One row: the last sealed entry's place and hash. The sealer continues from it, and
    verify checks that the chain still reaches it (a deleted last entry shows)."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[datetime]

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
