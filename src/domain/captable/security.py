"""A security: one certificate of shares of one class held by one stakeholder. Created by an
event (an issuance, or the result of a transfer, split, conversion or partial cancellation) and
consumed by at most one later event, after which it is no longer outstanding."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID


class SecurityStatus(StrEnum):
    OUTSTANDING = "outstanding"
    CANCELLED = "cancelled"
    REPURCHASED = "repurchased"
    TRANSFERRED = "transferred"
    CONVERTED = "converted"
    SPLIT = "split"


@dataclass(frozen=True, slots=True, kw_only=True)
class Security:
    id: UUID
    issuer_id: UUID
    stock_class_id: UUID
    stakeholder_id: UUID
    certificate_number: str  # "CS-0001", unique in the issuer
    quantity: Decimal
    issue_date: date
    created_by_event_id: UUID
    source_security_id: UUID | None = None  # the security it came from (transfer, split...)
    status: SecurityStatus = SecurityStatus.OUTSTANDING
    consumed_by_event_id: UUID | None = None
    consumed_on: date | None = None
    # the legend templates its issuance named, printed on the certificate; a security an event
    # makes of another (a transfer's, a balance, a split's, a conversion's) keeps its source's
    stock_legend_ids: tuple[UUID, ...] = ()

    @property
    def outstanding(self) -> bool:
        return self.status is SecurityStatus.OUTSTANDING

    def consumed(self, status: SecurityStatus, event_id: UUID, on: date) -> Security:
        return replace(self, status=status, consumed_by_event_id=event_id, consumed_on=on)

    def outstanding_on(self, day: date) -> bool:
        """Whether it was outstanding at the end of ``day``."""
        return self.issue_date <= day and (self.consumed_on is None or self.consumed_on > day)
