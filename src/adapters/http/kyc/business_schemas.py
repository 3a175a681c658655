"""Schemas of the business details step. The contact only leaves masked."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.domain_rules import domain_rule
from adapters.http.read_model import ReadModel
from domain.kyc.business import BusinessStep, Constitution, ContactChannel
from domain.kyc.identity_numbers import Gstin
from domain.kyc.steps import StepState


class BusinessCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": "Verma Traders",
                    "constitution": "proprietorship",
                    "gstin": "27ACUPA7085R1ZL",
                    "registered_address": "12 MG Road, Pune 411001",
                    "contact_channel": "email",
                    "contact": "accounts@vermatraders.example",
                }
            ]
        }
    )

    legal_name: str = Field(min_length=1, max_length=200)
    constitution: Constitution
    gstin: Annotated[str, domain_rule(Gstin.parse)] = Field(
        min_length=1, max_length=20, description="15 characters."
    )
    registered_address: str = Field(min_length=1, max_length=500)
    contact_channel: ContactChannel = Field(description="Where the code goes: email or SMS.")
    contact: str = Field(
        min_length=1, max_length=254, description="The business email address or mobile number."
    )


class BusinessCodeCheckCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "482913"}]})

    code: str = Field(min_length=1, max_length=10, description="The 6 digits received.")


class BusinessRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": "Verma Traders",
                    "constitution": "proprietorship",
                    "gstin": "27ACUPA7085R1ZL",
                    "registered_address": "12 MG Road, Pune 411001",
                    "contact_channel": "email",
                    "masked_contact": "a***@vermatraders.example",
                    "contact_verified": False,
                    "state": "submitted",
                    "reason": "contact_unverified",
                }
            ]
        }
    )

    legal_name: str
    constitution: Constitution
    gstin: str
    registered_address: str
    contact_channel: ContactChannel
    masked_contact: str
    contact_verified: bool
    state: StepState
    reason: str | None = Field(description="`contact_unverified` until the code comes back.")

    @classmethod
    def of(cls, step: BusinessStep) -> BusinessRead:
        return cls.taking(step, contact_verified=step.contact_verified_at is not None)
