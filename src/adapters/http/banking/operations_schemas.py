"""Schemas of banking operations: rail instructions as operators see them (a payout's account
masked, never its number) and the body that fails a stuck transfer."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor
from adapters.http.read_model import Money, ReadModel
from domain.banking.rail import InstructionKind, InstructionState
from domain.shared.pagination import Page
from usecases.banking.fail_transfer import REASON_MAX
from usecases.banking.ports import InstructionView
from usecases.banking.public import RailOutcome
from usecases.banking.reconcile_rail_instruction import Reconciled

_INSTRUCTION_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-3c4d-7c3b-9a10-5d7e8f9a0b1c",
    "kind": "payout",
    "reference": "withdrawal:0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
    "amount": "1500.00",
    "currency": "INR",
    "method": None,
    "bank_account_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "masked_number": "XXXXXX7890",
    "state": "dead",
    "attempts": 8,
    "next_attempt_at": "2026-11-22T10:19:15Z",
    "rail_reference": None,
    "last_error": "BankRailUnavailable",
    "created_at": "2026-11-22T10:15:00Z",
    "submitted_at": None,
}


class RailInstructionRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_INSTRUCTION_EXAMPLE]})

    id: UUID
    kind: InstructionKind = Field(description="collection (a deposit) or payout (a withdrawal)")
    reference: str = Field(description="deposit:<id> or withdrawal:<id>")
    currency: str
    amount: Money
    method: str | None = Field(description="A collection's deposit method.")
    bank_account_id: UUID | None = Field(description="A payout's linked account.")
    masked_number: str | None = Field(description="A payout's account, masked.")
    state: InstructionState = Field(
        description="pending (the worker submits it when due), submitted (the rail accepted "
        "it), dead (the rail kept failing), cancelled (an operator failed its transfer), "
        "settled (the rail's answer, by webhook or reconciliation, settled its transfer)"
    )
    attempts: int
    next_attempt_at: datetime
    rail_reference: str | None
    last_error: str | None
    created_at: datetime
    submitted_at: datetime | None

    @classmethod
    def of(cls, view: InstructionView) -> RailInstructionRead:
        return cls.taking(view.instruction, masked_number=view.masked_number)


class RailInstructionPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_INSTRUCTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[RailInstructionRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, page: Page[InstructionView]) -> RailInstructionPage:
        return cls(
            items=[RailInstructionRead.of(v) for v in page.items], next_cursor=page.next_cursor
        )


class RailReconciliationRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "instruction": _INSTRUCTION_EXAMPLE
                    | {"state": "settled", "rail_reference": "sbx_5d7e8f9a0b1c2d3e"},
                    "rail_outcome": "succeeded",
                }
            ]
        }
    )

    instruction: RailInstructionRead = Field(description="After the rail's answer was applied.")
    rail_outcome: RailOutcome = Field(
        description="The rail's answer: pending (ask again later), succeeded or failed (the "
        "transfer is now settled accordingly), unknown (the rail does not know it: investigate)"
    )

    @classmethod
    def of(cls, reconciled: Reconciled) -> RailReconciliationRead:
        return cls(
            instruction=RailInstructionRead.of(reconciled.view),
            rail_outcome=reconciled.rail_outcome,
        )


class TransferFailureCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "The bank rejected the payout repeatedly"}]}
    )

    reason: str = Field(min_length=3, max_length=REASON_MAX, description="Why; shown to the user.")
