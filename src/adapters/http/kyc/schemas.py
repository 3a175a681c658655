"""Schemas of the KYC API. Identity numbers only ever leave in their masked form."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from adapters.http.domain_rules import domain_rule
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDate
from domain.kyc.identity_numbers import AadhaarNumber, Pan, PanHolder
from domain.kyc.steps import Step, StepState
from usecases.kyc.get_kyc_resume import KycResume
from usecases.kyc.get_kyc_status import KycStatus


class AadhaarCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "aadhaar_number": "234123412346",
                    "name": "Asha Verma",
                    "date_of_birth": "1990-04-12",
                }
            ]
        }
    )

    aadhaar_number: Annotated[str, domain_rule(AadhaarNumber.parse)] = Field(
        min_length=1, max_length=20, description="12 digits; spaces and dashes are ignored."
    )
    name: str = Field(min_length=1, max_length=200, description="As printed on the card.")
    date_of_birth: IsoDate


class AadhaarRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "masked_number": "XXXX XXXX 2346",
                    "name": "Asha Verma",
                    "date_of_birth": "1990-04-12",
                    "state": "pending_review",
                    "reason": None,
                }
            ]
        }
    )

    masked_number: str
    name: str
    date_of_birth: IsoDate
    state: StepState
    reason: str | None


class AadhaarOtpRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"masked_number": "XXXX XXXX 2346", "expires_in_seconds": 600}]
        }
    )

    masked_number: str = Field(description="The Aadhaar whose linked mobile got the OTP.")
    expires_in_seconds: int


class AadhaarOtpCheckCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"otp": "123456"}]})

    otp: str = Field(min_length=1, max_length=10, description="The 6 digits received.")


class PanCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"pan": "ACUPA7085R", "name": "Asha Verma"}]}
    )

    pan: Annotated[str, domain_rule(Pan.parse)] = Field(
        min_length=1, max_length=20, description="10 characters, e.g. ACUPA7085R."
    )
    name: str = Field(min_length=1, max_length=200, description="As registered with the PAN.")


class PanRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "masked_number": "XXXXXX085R",
                    "holder": "individual",
                    "name": "Asha Verma",
                    "name_match_score": 1.0,
                    "state": "verified",
                    "reason": None,
                }
            ]
        }
    )

    masked_number: str
    holder: PanHolder
    name: str
    name_match_score: float | None = Field(
        description="Similarity (0..1) of the name to the registered one; null if unchecked."
    )
    state: StepState
    reason: str | None = Field(
        description="`name_mismatch`, `pan_not_found`, or `provider_unavailable` (try again)."
    )


class KycStepRead(ReadModel):
    step: Step
    state: StepState
    reason: str | None
    masked_number: str | None = Field(
        description="Masked Aadhaar or account number, masked PAN, or the (public) GSTIN."
    )


_STEPS_EXAMPLE: list[JsonValue] = [
    {
        "step": "aadhaar",
        "state": "pending_review",
        "reason": None,
        "masked_number": "XXXX XXXX 2346",
    },
    {"step": "pan", "state": "verified", "reason": None, "masked_number": "XXXXXX085R"},
]


class KycStatusRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "level": 1,
                    "steps": _STEPS_EXAMPLE,
                    "capabilities": {"deposit": False, "trade": False},
                }
            ]
        }
    )

    user_code: str
    level: int = Field(
        description="0 nothing verified, 1 PAN verified, 2 PAN and Aadhaar, 3 PAN, Aadhaar and "
        "the bank account (and the business details, if started)."
    )
    steps: list[KycStepRead]
    capabilities: dict[str, bool] = Field(
        description="Each capability (deposit, withdraw, trade, ...) and whether the level "
        "unlocks it (the level each needs: KYC_REQUIRED_LEVELS)."
    )

    @classmethod
    def of(cls, status: KycStatus) -> KycStatusRead:
        return cls.taking(status)


class KycResumeRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "level": 0,
                    "next_step": "pan",
                    "requires": ["pan", "name"],
                    "reason": "name_mismatch",
                    "waiting_on": ["aadhaar"],
                    "optional": ["business"],
                }
            ]
        }
    )

    user_code: str
    level: int
    next_step: Step | None = Field(description="Null when nothing is left for the user to do.")
    requires: list[str] = Field(description="The fields the next step asks for.")
    reason: str | None = Field(description="Why the next step must be done again, if rejected.")
    waiting_on: list[Step] = Field(description="Steps submitted and awaiting a review.")
    optional: list[Step] = Field(
        description="Optional steps not started (business details: only if you act for a "
        "business; once started, required for level 3)."
    )

    @classmethod
    def of(cls, resume: KycResume) -> KycResumeRead:
        return cls.taking(resume, user_code=resume.status.user_code, level=resume.status.level)
