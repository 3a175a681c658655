"""The business details step: who the user acts for, checked by GSTIN and a contact OTP.

The GSTIN carries a PAN (characters 3 to 12): its holder type (fourth letter) must fit the
constitution (a company's GSTIN is on a company PAN, a firm's on a firm PAN...), and a
proprietorship trades under the proprietor's own PAN, so there it must be the user's PAN when
the user has submitted one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from domain.kyc.identity_numbers import Gstin, Pan, PanHolder
from domain.kyc.steps import StepState
from domain.shared.errors import (
    FieldError,
    RateLimited,
    RuleViolated,
    ValidationFailed,
    invalid_field,
)
from domain.shared.ids import UserId


class Constitution(StrEnum):
    PROPRIETORSHIP = "proprietorship"
    PARTNERSHIP = "partnership"
    LLP = "llp"
    PRIVATE_LIMITED = "private_limited"
    PUBLIC_LIMITED = "public_limited"
    TRUST = "trust"
    HUF = "huf"
    OTHER = "other"


# The PAN holder types a constitution's GSTIN may carry (absent: any).
HOLDERS: Final[dict[Constitution, frozenset[PanHolder]]] = {
    Constitution.PROPRIETORSHIP: frozenset({PanHolder.P}),
    Constitution.PARTNERSHIP: frozenset({PanHolder.F}),
    Constitution.LLP: frozenset({PanHolder.F}),
    Constitution.PRIVATE_LIMITED: frozenset({PanHolder.C}),
    Constitution.PUBLIC_LIMITED: frozenset({PanHolder.C}),
    Constitution.TRUST: frozenset({PanHolder.T}),
    Constitution.HUF: frozenset({PanHolder.H}),
}


class ContactChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class GstinPanMismatch(ValidationFailed):
    code = "gstin_pan_mismatch"
    title = "GSTIN does not belong to this business"

    def __init__(self, message: str) -> None:
        super().__init__(
            f"gstin: {message}",
            errors=[FieldError(field="gstin", message=message, code=self.code)],
        )


def check_gstin(gstin: Gstin, constitution: Constitution, *, own_pan: str | None) -> None:
    """Refuses a GSTIN whose PAN cannot be this business's (see the module docstring)."""
    holder = Pan.parse(gstin.pan, field="gstin").holder
    allowed = HOLDERS.get(constitution)
    if allowed is not None and holder not in allowed:
        raise GstinPanMismatch(f"its PAN is of a {holder.value}, not a {constitution.value}")
    if constitution is Constitution.PROPRIETORSHIP and own_pan and gstin.pan != own_pan:
        raise GstinPanMismatch("a proprietorship's GSTIN must carry the proprietor's PAN")


_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_INDIAN_MOBILE: Final = re.compile(r"(?:\+?91)?([6-9][0-9]{9})")
_E164: Final = re.compile(r"\+[1-9][0-9]{7,14}")


def parse_contact(channel: ContactChannel, raw: str) -> str:
    """An email address (lower-cased) or a mobile number in E.164 (10 Indian digits get +91)."""
    value = raw.strip()
    if channel is ContactChannel.EMAIL:
        if len(value) > 254 or not _EMAIL.fullmatch(value):
            raise invalid_field("contact", "is not an email address", code="invalid_format")
        return value.lower()
    compact = re.sub(r"[\s()-]", "", value)
    indian = _INDIAN_MOBILE.fullmatch(compact)
    if indian:
        return "+91" + indian.group(1)
    if not _E164.fullmatch(compact):
        raise invalid_field("contact", "is not a mobile number", code="invalid_format")
    return compact


def mask_contact(channel: ContactChannel, contact: str) -> str:
    if channel is ContactChannel.EMAIL:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return "X" * (len(contact) - 4) + contact[-4:]


@dataclass(slots=True, kw_only=True)
class BusinessStep:
    user_id: UserId
    legal_name: str
    constitution: Constitution
    gstin: str
    registered_address: str
    contact_channel: ContactChannel
    contact: str
    contact_verified_at: datetime | None
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime

    @property
    def masked_contact(self) -> str:
        return mask_contact(self.contact_channel, self.contact)

    def contact_verified(self, now: datetime) -> None:
        self.contact_verified_at = now
        self.state = StepState.VERIFIED
        self.reason = None
        self.updated_at = now


class ContactCodeInvalid(ValidationFailed):
    code = "contact_code_invalid"
    title = "Wrong business contact code"

    def __init__(self, attempts_left: int) -> None:
        message = f"the code is not correct ({attempts_left} attempts left)"
        super().__init__(
            f"code: {message}",
            errors=[FieldError(field="code", message=message, code=self.code)],
        )


class ContactCodeUnusable(RuleViolated):
    """Expired, blocked after too many wrong tries, already used, or never sent."""

    code = "contact_code_unusable"
    title = "Business contact code cannot be used"

    def __init__(self, why: str) -> None:
        super().__init__(f"The code is {why}: request a new one.")


class ContactCodeThrottled(RateLimited):
    code = "contact_code_throttled"
    title = "Wait before asking for another code"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"A code went to this contact moments ago: ask again in {retry_after_seconds} s.",
            retry_after_seconds=retry_after_seconds,
        )
