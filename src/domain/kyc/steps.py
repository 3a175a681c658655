"""KYC steps, their states, the overall level, and the PAN name match."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher
from enum import StrEnum

from domain.kyc.identity_numbers import PanHolder
from domain.shared.errors import Conflict, FieldError
from domain.shared.ids import UserId


class StepState(StrEnum):
    NOT_STARTED = "not_started"
    SUBMITTED = "submitted"
    PENDING_REVIEW = "pending_review"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Step(StrEnum):
    """In the order a user walks them."""

    AADHAAR = "aadhaar"
    PAN = "pan"


# What each step asks for (the fields of its submission).
REQUIREMENTS: dict[Step, tuple[str, ...]] = {
    Step.AADHAAR: ("aadhaar_number", "name", "date_of_birth"),
    Step.PAN: ("pan", "name"),
}


class AadhaarInUse(Conflict):
    code = "aadhaar_in_use"
    title = "Aadhaar already used by another account"

    def __init__(self) -> None:
        field = "body.aadhaar_number"
        super().__init__(
            "this Aadhaar number is already submitted by another account",
            errors=[FieldError(field=field, message="already in use", code=self.code)],
        )


class PanInUse(Conflict):
    code = "pan_in_use"
    title = "PAN already used by another account"

    def __init__(self) -> None:
        super().__init__(
            "this PAN is already submitted by another account",
            errors=[FieldError(field="body.pan", message="already in use", code=self.code)],
        )


class StepAlreadyVerified(Conflict):
    code = "kyc_step_already_verified"
    title = "KYC step already verified"


@dataclass(slots=True, kw_only=True)
class AadhaarStep:
    user_id: UserId
    sealed_number: str
    number_index: str
    masked_number: str
    name: str
    date_of_birth: date
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime


@dataclass(slots=True, kw_only=True)
class PanStep:
    user_id: UserId
    pan: str
    pan_index: str
    masked_pan: str
    holder: PanHolder
    name: str
    registered_name: str | None
    name_match_score: float | None
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime


def kyc_level(aadhaar: StepState, pan: StepState) -> int:
    """0 nothing verified, 1 PAN verified, 2 PAN and Aadhaar verified."""
    if pan is not StepState.VERIFIED:
        return 0
    return 2 if aadhaar is StepState.VERIFIED else 1


def _normalise(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]", " ", folded.lower()).split())


def name_match_score(submitted: str, registered: str) -> float:
    """A ratio in [0, 1] of how alike two names are, ignoring case, accents and punctuation."""
    a, b = _normalise(submitted), _normalise(registered)
    if not a or not b:
        return 0.0
    return round(SequenceMatcher(None, a, b).ratio(), 4)
