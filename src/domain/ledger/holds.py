"""Holds: money (or shares) set aside on an account for an open order or a pending withdrawal.

pending → captured (some or all of it leaves the account through a journal entry; any rest
is freed) or released (all of it is freed). A pending hold lowers *available*, not *posted*."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import NewType
from uuid import UUID

from domain.ledger.accounts import AccountId
from domain.ledger.assets import Asset
from domain.ledger.entries import EntryId
from domain.ledger.errors import HoldNotPending, InvalidPosting

HoldId = NewType("HoldId", UUID)


class HoldStatus(enum.StrEnum):
    PENDING = "pending"
    CAPTURED = "captured"
    RELEASED = "released"


@dataclass(frozen=True, slots=True)
class Hold:
    id: HoldId
    account_id: AccountId
    asset: Asset
    amount: Decimal
    status: HoldStatus
    captured_amount: Decimal
    memo: str
    reference: str | None
    created_at: datetime
    resolved_at: datetime | None = None
    capture_entry_id: EntryId | None = None

    @staticmethod
    def checked_amount(asset: Asset, amount: Decimal) -> Decimal:
        exact = asset.amount(amount)
        if exact <= 0:
            raise InvalidPosting("a hold is for a positive amount")
        return exact

    def _pending(self) -> None:
        if self.status is not HoldStatus.PENDING:
            raise HoldNotPending(f"hold {self.id} is already {self.status}")

    def capture(self, amount: Decimal, entry_id: EntryId, now: datetime) -> Hold:
        """Capture ``amount`` (at most what is held; the rest is freed)."""
        self._pending()
        exact = self.asset.amount(amount)
        if exact <= 0 or exact > self.amount:
            raise InvalidPosting(f"a capture is more than zero and at most the {self.amount} held")
        return replace(
            self,
            status=HoldStatus.CAPTURED,
            captured_amount=exact,
            resolved_at=now,
            capture_entry_id=entry_id,
        )

    def release(self, now: datetime) -> Hold:
        self._pending()
        return replace(self, status=HoldStatus.RELEASED, resolved_at=now)
