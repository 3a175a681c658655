"""Schemas of the banking API. Amounts are decimal strings (never floats) at the currency's
minor unit; account numbers only ever appear masked."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.domain_rules import domain_rule
from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import Money, MoneyInput, ReadModel
from domain.banking.amounts import check_amount_text, check_currency_code
from domain.banking.transfers import DepositMethod, TransferState
from domain.shared.bank_details import BankAccountNumber, Ifsc

AMOUNT_DESCRIPTION = "A positive decimal string, at most the currency's decimal places."
# the domain's own checks of each field run with pydantic's, so one answer names both
Amount = Annotated[
    MoneyInput,
    Field(min_length=1, max_length=40, description=AMOUNT_DESCRIPTION),
    domain_rule(check_amount_text),
]
CurrencyCode = Annotated[
    str,
    Field(min_length=1, max_length=3, description="ISO 4217, e.g. INR"),
    domain_rule(check_currency_code),
]


class LinkedBankAccountCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "account_number": "001234567890",
                    "ifsc": "HDFC0001098",
                    "holder_name": "Priya Sharma",
                }
            ]
        }
    )

    account_number: Annotated[str, domain_rule(BankAccountNumber.parse)] = Field(
        min_length=1, max_length=30, description="9 to 18 digits."
    )
    ifsc: Annotated[str, domain_rule(Ifsc.parse)] = Field(
        min_length=1, max_length=20, description="e.g. HDFC0001098"
    )
    holder_name: str = Field(min_length=1, max_length=200, description="As the bank holds it.")


class LinkedBankAccountRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "masked_number": "XXXXXX7890",
                    "ifsc": "HDFC0001098",
                    "bank_name": "HDFC BANK",
                    "holder_name": "PRIYA SHARMA",
                    "state": "verified",
                    "failure_reason": None,
                    "is_primary": True,
                    "source": "kyc",
                    "created_at": "2026-11-22T10:15:00Z",
                }
            ]
        }
    )

    id: UUID
    masked_number: str
    ifsc: str
    bank_name: str | None
    holder_name: str
    state: str = Field(description="verified (penny drop and name match) or failed")
    failure_reason: str | None = Field(description="account_not_found or name_mismatch")
    is_primary: bool
    source: str = Field(description="kyc (verified in KYC) or linked (added here)")
    created_at: datetime


class BankAccountPage(ReadModel):
    model_config = page_config(LinkedBankAccountRead)

    items: list[LinkedBankAccountRead]
    next_cursor: NextCursor


class DepositCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"amount": "2500.00", "currency": "INR", "method": "upi"}]}
    )

    amount: Amount
    currency: CurrencyCode
    method: DepositMethod


_DEPOSIT_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "amount": "2500.00",
    "currency": "INR",
    "method": "upi",
    "state": "pending",
    "rail_reference": None,
    "failure_reason": None,
    "created_at": "2026-11-22T10:15:00Z",
    "settled_at": None,
}


class DepositRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_DEPOSIT_EXAMPLE]})

    id: UUID
    currency: str
    amount: Money
    method: DepositMethod
    state: TransferState
    rail_reference: str | None
    failure_reason: str | None
    created_at: datetime
    settled_at: datetime | None


class DepositPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_DEPOSIT_EXAMPLE], "next_cursor": None}]}
    )

    items: list[DepositRead]
    next_cursor: NextCursor


class WithdrawalCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"amount": "1500.00", "currency": "INR"},
                {
                    "amount": "75000.00",
                    "currency": "INR",
                    "bank_account_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "second_factor_code": "123456",
                },
            ]
        }
    )

    amount: Amount
    currency: CurrencyCode
    bank_account_id: UUID | None = Field(
        default=None, description="One of my verified linked accounts; default: the primary."
    )
    second_factor_code: str | None = Field(
        default=None,
        min_length=6,
        max_length=20,
        description="Authenticator (or recovery) code: required above the step-up threshold "
        "or when the withdrawal looks unusual.",
    )


_WITHDRAWAL_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
    "amount": "1500.00",
    "currency": "INR",
    "bank_account_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "state": "pending",
    "stepped_up": False,
    "risk_score": 0,
    "risk_reasons": [],
    "rail_reference": None,
    "failure_reason": None,
    "created_at": "2026-11-22T10:15:00Z",
    "settled_at": None,
}


class WithdrawalRiskReasonRead(ReadModel):
    rule: str
    points: int
    reason: str


class WithdrawalRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_WITHDRAWAL_EXAMPLE]})

    id: UUID
    currency: str
    amount: Money
    bank_account_id: UUID
    state: TransferState
    stepped_up: bool = Field(description="A second factor was checked.")
    risk_score: int = Field(description="Unusual-velocity score, 0..100.")
    risk_reasons: list[WithdrawalRiskReasonRead]
    rail_reference: str | None
    failure_reason: str | None
    created_at: datetime
    settled_at: datetime | None


class WithdrawalPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_WITHDRAWAL_EXAMPLE], "next_cursor": None}]}
    )

    items: list[WithdrawalRead]
    next_cursor: NextCursor


class WebhookAckRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"received": True, "state": "completed"}]}
    )

    received: bool
    state: TransferState


class WebhookEventResultRead(ReadModel):
    """One event of a batched delivery: ``status`` is what the event alone would have been
    answered (200 settled or already in that state; 409 replayed or settled the other way, 422
    refused), ``code`` the refusal's stable code."""

    index: int
    id: str | None
    status: int
    state: TransferState | None
    code: str | None
    detail: str | None


class WebhookBatchAckRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "received": True,
                    "events": [
                        {
                            "index": 0,
                            "id": "evt_5f1c2a9b7d3e4f60a1b2c3d4",
                            "status": 200,
                            "state": "completed",
                            "code": None,
                            "detail": None,
                        },
                        {
                            "index": 1,
                            "id": "evt_8a7b6c5d4e3f2a1b0c9d8e7f",
                            "status": 422,
                            "state": None,
                            "code": "webhook_reference_unknown",
                            "detail": "no deposit 'deposit:0193a2c4-0000-7000-8000-000000000000'",
                        },
                    ],
                }
            ]
        }
    )

    received: bool
    events: list[WebhookEventResultRead]
