"""Schemas of my transaction history and monthly statement."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field

from adapters.http.paging import NextCursor
from adapters.http.read_model import Money, ReadModel
from domain.ledger.accounts import AccountKind
from domain.ledger.history import Direction
from domain.ledger.statement import Statement, StatementLine

_TRANSACTION_EXAMPLE: dict[str, Any] = {
    "entry_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "created_at": "2026-11-22T10:15:00Z",
    "memo": "Deposit DEP-7QX2 (upi)",
    "reference": "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1d",
    "account_id": "0193a2c4-0000-7000-8000-000000000001",
    "kind": "user_cash",
    "asset": "INR",
    "direction": "credit",
    "amount": "5000.00",
    "balance_after": "6250.00",
}


class TransactionRead(ReadModel):
    entry_id: UUID = Field(description="The journal entry this posting belongs to.")
    created_at: datetime
    memo: str
    reference: str | None
    account_id: UUID
    kind: AccountKind
    asset: str
    direction: Direction
    amount: Money = Field(description="Signed decimal string: positive credits the account.")
    balance_after: Money = Field(description="The account's posted balance right after this.")


class TransactionPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_TRANSACTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[TransactionRead]
    next_cursor: NextCursor


class StatementLineRead(ReadModel):
    created_at: datetime
    description: str
    reference: str
    amount: Money
    balance: Money

    @classmethod
    def of(cls, line: StatementLine, currency: str) -> StatementLineRead:
        return cls.in_currency(currency, line.movement, balance=line.balance)


class StatementRead(ReadModel):
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
                            "created_at": "2026-11-03T09:12:00Z",
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
    opening_balance: Money
    credits: Money
    debits: Money
    closing_balance: Money
    lines: list[StatementLineRead]

    @classmethod
    def of(cls, s: Statement) -> StatementRead:
        lines = [StatementLineRead.of(line, s.currency) for line in s.lines]
        return cls.taking(s, opening_balance=s.opening, closing_balance=s.closing, lines=lines)
