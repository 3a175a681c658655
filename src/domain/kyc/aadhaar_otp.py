"""Aadhaar OTP verification: the provider sends a code to the mobile linked to the Aadhaar;
we count wrong codes and stop after a limit; a right code returns the identity the provider
holds, which must match what the user submitted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.kyc.steps import AadhaarStep, StepState
from domain.shared.errors import (
    Conflict,
    FieldError,
    RuleViolated,
    Unavailable,
    ValidationFailed,
)
from domain.shared.name_match import name_match_score

DETAILS_MISMATCH = "aadhaar_details_mismatch"


@dataclass(frozen=True, slots=True, kw_only=True)
class AadhaarOtpRules:
    ttl: timedelta
    max_attempts: int


class KycProviderUnavailable(Unavailable):
    code = "kyc_provider_unavailable"
    title = "The KYC provider is unavailable"

    def __init__(self) -> None:
        super().__init__("The KYC provider did not answer in time: nothing changed, try again.")


class AadhaarOtpNotRequested(Conflict):
    code = "aadhaar_otp_not_requested"
    title = "No Aadhaar OTP requested"

    def __init__(self) -> None:
        super().__init__("Request an OTP first (POST /api/v1/kyc/aadhaar/otp).")


class AadhaarOtpSuperseded(Conflict):
    code = "aadhaar_otp_superseded"
    title = "Aadhaar OTP superseded"

    def __init__(self) -> None:
        super().__init__(
            "The Aadhaar step changed while the provider was answering (a new number or a "
            "newer OTP): request a new OTP."
        )


class AadhaarOtpInvalid(ValidationFailed):
    code = "aadhaar_otp_invalid"
    title = "Wrong Aadhaar OTP"

    def __init__(self, attempts_left: int) -> None:
        message = f"the OTP is not correct ({attempts_left} attempts left)"
        super().__init__(
            f"otp: {message}",
            errors=[FieldError(field="otp", message=message, code=self.code)],
        )
        self.attempts_left = attempts_left


class AadhaarOtpExpired(RuleViolated):
    code = "aadhaar_otp_expired"
    title = "Aadhaar OTP expired"

    def __init__(self) -> None:
        super().__init__("The OTP has expired: request a new one.")


class AadhaarOtpBlocked(RuleViolated):
    code = "aadhaar_otp_blocked"
    title = "Too many wrong Aadhaar OTPs"

    def __init__(self) -> None:
        super().__init__("Too many wrong OTPs: this one is blocked, request a new one.")


def start_otp(step: AadhaarStep, *, reference: str, now: datetime) -> None:
    step.otp_reference = reference
    step.otp_requested_at = now
    step.otp_attempts = 0
    step.updated_at = now


def check_otp_usable(step: AadhaarStep, rules: AadhaarOtpRules, *, now: datetime) -> str:
    """The reference of the OTP in flight, or the reason it cannot be checked."""
    if step.otp_reference is None or step.otp_requested_at is None:
        raise AadhaarOtpNotRequested()
    if step.otp_attempts >= rules.max_attempts:
        raise AadhaarOtpBlocked()
    if now >= step.otp_requested_at + rules.ttl:
        raise AadhaarOtpExpired()
    return step.otp_reference


def count_wrong_otp(step: AadhaarStep, rules: AadhaarOtpRules, *, now: datetime) -> int:
    """Counts a wrong code; returns the attempts left."""
    step.otp_attempts += 1
    step.updated_at = now
    return max(0, rules.max_attempts - step.otp_attempts)


def settle_otp(
    step: AadhaarStep,
    *,
    name: str,
    date_of_birth: date,
    threshold: float,
    now: datetime,
) -> float:
    """A right code: the step is verified when the provider's name and date of birth match
    the submitted ones, else rejected. Returns the name match score."""
    score = name_match_score(step.name, name)
    matches = score >= threshold and date_of_birth == step.date_of_birth
    step.state = StepState.VERIFIED if matches else StepState.REJECTED
    step.reason = None if matches else DETAILS_MISMATCH
    step.otp_reference = None
    step.otp_requested_at = None
    step.otp_attempts = 0
    step.updated_at = now
    return score
