"""A user's transaction history: each posting on one of their accounts, with the account's
balance right after it, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.ledger.accounts import AccountId, AccountKind
from domain.ledger.entries import EntryId
from domain.shared.errors import invalid_field


class Direction(StrEnum):
    CREDIT = "credit"  # money or shares in
    DEBIT = "debit"  # out


@dataclass(frozen=True, slots=True)
class HistoryItem:
    entry_id: EntryId
    line: int
    created_at: datetime
    memo: str
    reference: str | None
    account_id: AccountId
    kind: AccountKind
    asset: str
    amount: Decimal  # signed: positive credits the account
    balance_after: Decimal

    @property
    def direction(self) -> Direction:
        return Direction.CREDIT if self.amount > 0 else Direction.DEBIT


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryFilter:
    asset: str | None = None
    kind: AccountKind | None = None
    direction: Direction | None = None
    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since >= self.until:
            raise invalid_field("until", "must be after since", code="out_of_range")
