"""Schemas of the ledger API. Amounts are decimal strings (never floats), at the asset's
precision."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.ledger.accounts import Account, AccountKind
from domain.ledger.entries import JournalEntry, Posting
from domain.shared.pagination import Page

AMOUNT_PATTERN = r"^-?[0-9]{1,20}(\.[0-9]{1,8})?$"

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


def amount_text(value: Decimal) -> str:
    return f"{value:f}"


class PostingRead(BaseModel):
    account_id: UUID
    asset: str
    amount: str = Field(description="Signed change of the account's balance.")

    @classmethod
    def of(cls, posting: Posting) -> PostingRead:
        return cls(
            account_id=posting.account_id,
            asset=posting.asset.code,
            amount=amount_text(posting.amount),
        )


class EntryRead(BaseModel):
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
        return cls(
            id=entry.id,
            memo=entry.memo,
            reference=entry.reference,
            metadata=dict(entry.metadata),
            created_at=entry.created_at,
            reverses=entry.reverses,
            reversed_by=entry.reversed_by,
            postings=[PostingRead.of(p) for p in entry.postings],
        )


class EntryPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_ENTRY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[EntryRead]
    next_cursor: str | None

    @classmethod
    def of(cls, page: Page[JournalEntry]) -> EntryPage:
        return cls(items=[EntryRead.of(e) for e in page.items], next_cursor=page.next_cursor)


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
    amount: str = Field(
        pattern=AMOUNT_PATTERN,
        description="Signed decimal string: positive credits the user, negative debits.",
    )
    memo: str = Field(min_length=1, max_length=500, description="Why; shown in the journal.")


class ReversalCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"memo": "Posted to the wrong user (ticket 4822)"}]}
    )

    memo: str = Field(min_length=1, max_length=500)


class BalanceRead(BaseModel):
    account_id: UUID
    kind: AccountKind
    asset: str
    posted: str = Field(description="Settled balance.")
    held: str = Field(description="Set aside for open orders and pending withdrawals.")
    available: str = Field(description="posted minus held: what can be spent now.")

    @classmethod
    def of(cls, account: Account) -> BalanceRead:
        return cls(
            account_id=account.id,
            kind=account.kind,
            asset=account.asset.code,
            posted=amount_text(account.posted),
            held=amount_text(account.held),
            available=amount_text(account.available),
        )


class BalancesRead(BaseModel):
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
                    ]
                }
            ]
        }
    )

    items: list[BalanceRead]
