"""A registration in progress: email, mobile and password first, then a code to each contact,
then basic details. Its progress is stored, so it can be resumed until it expires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.identity.contact import ContactChannel
from domain.identity.errors import (
    RegistrationCompleted,
    RegistrationExpired,
    RegistrationIncomplete,
)
from domain.identity.ids import RegistrationId
from domain.shared.ids import UserId


class RegistrationStep(StrEnum):
    VERIFY_CONTACTS = "verify_contacts"
    BASIC_INFO = "basic_info"
    COMPLETED = "completed"
    EXPIRED = "expired"


@dataclass(slots=True, kw_only=True)
class Registration:
    id: RegistrationId
    email: str
    phone: str
    password_hash: str
    created_at: datetime
    updated_at: datetime
    expires_at: datetime
    email_verified_at: datetime | None = None
    phone_verified_at: datetime | None = None
    completed_at: datetime | None = None
    user_id: UserId | None = None

    def verified(self, channel: ContactChannel) -> bool:
        at = self.email_verified_at if channel is ContactChannel.EMAIL else self.phone_verified_at
        return at is not None

    def destination(self, channel: ContactChannel) -> str:
        return self.email if channel is ContactChannel.EMAIL else self.phone

    def step(self, now: datetime) -> RegistrationStep:
        if self.completed_at is not None:
            return RegistrationStep.COMPLETED
        if now >= self.expires_at:
            return RegistrationStep.EXPIRED
        if self.email_verified_at is None or self.phone_verified_at is None:
            return RegistrationStep.VERIFY_CONTACTS
        return RegistrationStep.BASIC_INFO

    def ensure_open(self, now: datetime) -> None:
        step = self.step(now)
        if step is RegistrationStep.COMPLETED:
            raise RegistrationCompleted()
        if step is RegistrationStep.EXPIRED:
            raise RegistrationExpired()

    def mark_verified(self, channel: ContactChannel, now: datetime) -> None:
        self.ensure_open(now)
        if channel is ContactChannel.EMAIL:
            self.email_verified_at = self.email_verified_at or now
        else:
            self.phone_verified_at = self.phone_verified_at or now
        self.updated_at = now

    def complete(self, user_id: UserId, now: datetime) -> None:
        self.ensure_open(now)
        if self.step(now) is not RegistrationStep.BASIC_INFO:
            pending = [c.value for c in ContactChannel if not self.verified(c)]
            raise RegistrationIncomplete(
                "Verify the code sent to each contact first (pending: " + ", ".join(pending) + ")."
            )
        self.completed_at = now
        self.user_id = user_id
        self.updated_at = now
