"""What the registration use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.contact import mask_email, mask_phone
from domain.identity.ids import RegistrationId
from domain.identity.registration import Registration, RegistrationStep


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationView:
    id: RegistrationId
    email: str  # masked
    mobile: str  # masked
    email_verified: bool
    mobile_verified: bool
    next_step: RegistrationStep
    expires_at: datetime

    @classmethod
    def of(cls, registration: Registration, now: datetime) -> RegistrationView:
        return cls(
            id=registration.id,
            email=mask_email(registration.email),
            mobile=mask_phone(registration.phone),
            email_verified=registration.email_verified_at is not None,
            mobile_verified=registration.phone_verified_at is not None,
            next_step=registration.step(now),
            expires_at=registration.expires_at,
        )
