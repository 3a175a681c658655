"""Schemas of my transaction history and monthly statement."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.ledger.schemas import amount_text
from domain.ledger.accounts import AccountKind
from domain.ledger.history import Direction, HistoryItem
from domain.ledger.statement import Statement, StatementLine
from domain.shared.pagination import Page

_TRANSACTION_EXAMPLE: dict[str, Any] = {
    "entry_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "at": "2026-11-22T10:15:00Z",
    "memo": "Deposit DEP-7QX2 (upi)",
    "reference": "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1d",
    "account_id": "0193a2c4-0000-7000-8000-000000000001",
    "kind": "user_cash",
    "asset": "INR",
    "direction": "credit",
    "amount": "5000.00",
    "balance_after": "6250.00",
}


class TransactionRead(BaseModel):
    entry_id: UUID = Field(description="The journal entry this posting belongs to.")
    at: datetime
    memo: str
    reference: str | None
    account_id: UUID
    kind: AccountKind
    asset: str
    direction: Direction
    amount: str = Field(description="Signed decimal string: positive credits the account.")
    balance_after: str = Field(description="The account's posted balance right after this.")

    @classmethod
    def of(cls, item: HistoryItem) -> TransactionRead:
        return cls(
            entry_id=item.entry_id,
            at=item.at,
            memo=item.memo,
            reference=item.reference,
            account_id=item.account_id,
            kind=item.kind,
            asset=item.asset,
            direction=item.direction,
            amount=amount_text(item.amount),
            balance_after=amount_text(item.balance_after),
        )


class TransactionPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_TRANSACTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[TransactionRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page.")

    @classmethod
    def of(cls, page: Page[HistoryItem]) -> TransactionPage:
        return cls(items=[TransactionRead.of(i) for i in page.items], next_cursor=page.next_cursor)


class StatementLineRead(BaseModel):
    at: datetime
    description: str
    reference: str
    amount: str
    balance: str

    @classmethod
    def of(cls, line: StatementLine) -> StatementLineRead:
        m = line.movement
        return cls(
            at=m.at,
            description=m.description,
            reference=m.reference,
            amount=amount_text(m.amount),
            balance=amount_text(line.balance),
        )


class StatementRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "holder": "Asha Rao (USR-7K2M9Q)",
                    "currency": "INR",
                    "year": 2026,
                    "month": 11,
                    "opening_balance": "1250.00",
                    "credits": "5000.00",
                    "debits": "-1200.00",
                    "closing_balance": "5050.00",
                    "lines": [
                        {
                            "at": "2026-11-03T09:12:00Z",
                            "description": "Deposit DEP-7QX2 (upi)",
                            "reference": "deposit:0193a2c4",
                            "amount": "5000.00",
                            "balance": "6250.00",
                        }
                    ],
                }
            ]
        }
    )

    holder: str
    currency: str
    year: int
    month: int
    opening_balance: str
    credits: str
    debits: str
    closing_balance: str
    lines: list[StatementLineRead]

    @classmethod
    def of(cls, s: Statement) -> StatementRead:
        return cls(
            holder=s.holder,
            currency=s.currency,
            year=s.year,
            month=s.month,
            opening_balance=amount_text(s.opening),
            credits=amount_text(s.credits),
            debits=amount_text(s.debits),
            closing_balance=amount_text(s.closing),
            lines=[StatementLineRead.of(line) for line in s.lines],
        )
