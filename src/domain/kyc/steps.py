"""KYC steps, their states, the overall level, and the PAN name match."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
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
    BUSINESS = "business"
    BANK = "bank"


# The business step's reason while its contact has not returned the code.
CONTACT_UNVERIFIED = "contact_unverified"


@dataclass(frozen=True, slots=True)
class StepSpec:
    """What a step asks for (the fields of its submission) and whether a user may skip it.
    An optional step (business details) becomes required once the user starts it."""

    step: Step
    requires: tuple[str, ...]
    optional: bool = False
    # What a step left half-done needs instead of a new submission, by its reason.
    follow_ups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def needs(self, reason: str | None) -> tuple[str, ...]:
        return dict(self.follow_ups).get(reason or "", self.requires)


# The steps in the order a user walks them. Adding a step: a ``Step`` member, its spec here,
# its table (with ``state``, ``reason``, ``submitted_at``, ``updated_at``) and its status
# reader in ``usecases/kyc/step_registry.py``.
STEP_SPECS: tuple[StepSpec, ...] = (
    StepSpec(Step.AADHAAR, ("aadhaar_number", "name", "date_of_birth")),
    StepSpec(Step.PAN, ("pan", "name")),
    StepSpec(
        Step.BUSINESS,
        ("legal_name", "constitution", "gstin", "registered_address", "contact_channel", "contact"),
        optional=True,
        follow_ups=((CONTACT_UNVERIFIED, ("code",)),),
    ),
    StepSpec(Step.BANK, ("account_number", "ifsc")),
)

REQUIREMENTS: dict[Step, tuple[str, ...]] = {spec.step: spec.requires for spec in STEP_SPECS}
SPECS: dict[Step, StepSpec] = {spec.step: spec for spec in STEP_SPECS}


class AadhaarInUse(Conflict):
    code = "aadhaar_in_use"
    title = "Aadhaar already used by another account"

    def __init__(self) -> None:
        field = "aadhaar_number"
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
            errors=[FieldError(field="pan", message="already in use", code=self.code)],
        )


class StepAlreadyVerified(Conflict):
    code = "kyc_step_already_verified"
    title = "KYC step already verified"


class StepNotStarted(Conflict):
    code = "kyc_step_not_started"
    title = "KYC step not submitted yet"


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
    # The provider's OTP transaction in flight (see ``domain/kyc/aadhaar_otp.py``).
    otp_reference: str | None = None
    otp_requested_at: datetime | None = None
    otp_attempts: int = 0


@dataclass(slots=True, kw_only=True)
class PanStep:
    user_id: UserId
    pan: str
    pan_index: str
    masked_number: str
    holder: PanHolder
    name: str
    registered_name: str | None
    name_match_score: float | None
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime


def kyc_level(
    aadhaar: StepState,
    pan: StepState,
    bank: StepState = StepState.NOT_STARTED,
    business: StepState = StepState.NOT_STARTED,
) -> int:
    """0 nothing verified, 1 PAN verified, 2 PAN and Aadhaar verified, 3 PAN, Aadhaar and the
    bank account verified (and the business details, once the user has started them)."""
    verified = StepState.VERIFIED
    if pan is not verified:
        return 0
    if aadhaar is not verified:
        return 1
    business_done = business in (StepState.NOT_STARTED, verified)
    return 3 if bank is verified and business_done else 2
