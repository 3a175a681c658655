"""Schemas of the bank account step. The account number only leaves masked."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.domain_rules import domain_rule
from adapters.http.read_model import ReadModel
from domain.kyc.steps import StepState
from domain.shared.bank_details import BankAccountNumber, Ifsc


class BankAccountCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"account_number": "001234567890", "ifsc": "HDFC0001098"}]}
    )

    account_number: Annotated[str, domain_rule(BankAccountNumber.parse)] = Field(
        min_length=1, max_length=30, description="9 to 18 digits; spaces and dashes ignored."
    )
    ifsc: Annotated[str, domain_rule(Ifsc.parse)] = Field(
        min_length=1, max_length=20, description="11 characters, e.g. HDFC0001098."
    )


class BankAccountRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "masked_number": "XXXXXX7890",
                    "ifsc": "HDFC0001098",
                    "bank_name": "HDFC BANK",
                    "branch": "SANDBOX BRANCH 1098",
                    "holder_name": "PRIYA SHARMA",
                    "name_match_score": 1.0,
                    "state": "verified",
                    "reason": None,
                }
            ]
        }
    )

    masked_number: str
    ifsc: str
    bank_name: str
    branch: str
    holder_name: str | None = Field(description="As the bank holds it (from the penny drop).")
    name_match_score: float | None = Field(
        description="Similarity (0..1) of the holder name to yours; null if no penny drop."
    )
    state: StepState
    reason: str | None = Field(
        description="`name_mismatch`, `account_not_found`, or `bank_rail_unavailable` (retry)."
    )
