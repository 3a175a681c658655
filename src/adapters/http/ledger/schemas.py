"""Schemas of the ledger API. Amounts are `Money`: decimal strings (never floats) with exactly
the currency's minor units (an instrument: its asset's places)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor
from adapters.http.read_model import MONEY_PATTERN, Money, MoneyInput, ReadModel
from domain.ledger.accounts import Account, AccountKind
from domain.ledger.entries import JournalEntry, Posting
from domain.shared.pagination import Page

_ENTRY_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "memo": "Goodwill credit for ticket 4821",
    "reference": None,
    "metadata": {"kind": "manual_adjustment", "user_code": "USR-7K2M9Q"},
    "created_at": "2026-11-22T10:15:00Z",
    "reverses": None,
    "reversed_by": None,
    "postings": [
        {
            "account_id": "0193a2c4-0000-7000-8000-000000000001",
            "asset": "INR",
            "amount": "250.00",
        },
        {
            "account_id": "0193a2c4-0000-7000-8000-000000000002",
            "asset": "INR",
            "amount": "-250.00",
        },
    ],
}


class PostingRead(ReadModel):
    account_id: UUID
    asset: str
    amount: Money = Field(description="Signed change of the account's balance.")

    @classmethod
    def of(cls, posting: Posting) -> PostingRead:
        return cls.taking(posting, asset=posting.asset.code)


class EntryRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ENTRY_EXAMPLE]})

    id: UUID
    memo: str
    reference: str | None
    metadata: dict[str, Any]
    created_at: datetime
    reverses: UUID | None = Field(description="The entry this one reverses.")
    reversed_by: UUID | None = Field(description="The entry that reversed this one.")
    postings: list[PostingRead]

    @classmethod
    def of(cls, entry: JournalEntry) -> EntryRead:
        return cls.taking(entry, postings=[PostingRead.of(p) for p in entry.postings])


class EntryPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_ENTRY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[EntryRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, page: Page[JournalEntry]) -> EntryPage:
        return cls.taking(page, items=[EntryRead.of(e) for e in page.items])


class AdjustmentCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "asset": "INR",
                    "amount": "250.00",
                    "memo": "Goodwill credit for ticket 4821",
                }
            ]
        }
    )

    user_code: str = Field(max_length=40, description="Whose balance to adjust.")
    asset: str = Field(min_length=1, max_length=64, description="A currency code or instrument id.")
    amount: MoneyInput = Field(
        pattern=MONEY_PATTERN,
        description="Signed decimal string: positive credits the user, negative debits.",
    )
    memo: str = Field(min_length=1, max_length=500, description="Why; shown in the journal.")


class ReversalCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"memo": "Posted to the wrong user (ticket 4822)"}]}
    )

    memo: str = Field(min_length=1, max_length=500)


class BalanceRead(ReadModel):
    account_id: UUID
    kind: AccountKind
    asset: str
    posted: Money = Field(description="Settled balance.")
    held: Money = Field(description="Set aside for open orders and pending withdrawals.")
    available: Money = Field(description="posted minus held: what can be spent now.")

    @classmethod
    def of(cls, account: Account) -> BalanceRead:
        return cls.taking(account, account_id=account.id, asset=account.asset.code)


class BalancePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "account_id": "0193a2c4-0000-7000-8000-000000000001",
                            "kind": "user_cash",
                            "asset": "INR",
                            "posted": "1250.00",
                            "held": "200.00",
                            "available": "1050.00",
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[BalanceRead]
    next_cursor: NextCursor
