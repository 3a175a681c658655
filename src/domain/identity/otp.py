"""One-time codes: 6 digits, stored only as a keyed digest, bound to a purpose and a
destination, valid for a while, a few wrong attempts allowed, used once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.identity.errors import OtpBlocked, OtpExpired, OtpInvalid, OtpUsed
from domain.identity.ids import OtpId


class OtpPurpose(StrEnum):
    REGISTRATION = "registration"
    LOGIN = "login"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (a purpose, not a secret)
    KYC = "kyc"


@dataclass(frozen=True, slots=True, kw_only=True)
class OtpRules:
    ttl: timedelta
    max_attempts: int = 5
    cooldown: timedelta = timedelta(seconds=60)
    daily_cap: int = 10


class OtpCheck(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    BLOCKED = "blocked"
    USED = "used"


@dataclass(slots=True, kw_only=True)
class OneTimeCode:
    id: OtpId
    purpose: OtpPurpose
    destination: str
    subject: str  # what the code unlocks: a registration id or a user id
    code_digest: str
    created_at: datetime
    expires_at: datetime
    max_attempts: int
    attempts: int = 0
    verified_at: datetime | None = None
    consumed_at: datetime | None = None
    ticket_digest: str | None = None

    @classmethod
    def issue(
        cls,
        *,
        id: OtpId,
        purpose: OtpPurpose,
        destination: str,
        subject: str,
        code_digest: str,
        rules: OtpRules,
        now: datetime,
    ) -> OneTimeCode:
        return cls(
            id=id,
            purpose=purpose,
            destination=destination,
            subject=subject,
            code_digest=code_digest,
            created_at=now,
            expires_at=now + rules.ttl,
            max_attempts=rules.max_attempts,
        )

    @property
    def attempts_left(self) -> int:
        return max(0, self.max_attempts - self.attempts)

    def attempt(self, *, matches: bool, now: datetime) -> OtpCheck:
        """Judge one presentation of the code. A wrong code counts an attempt; the caller
        persists the change before reporting the outcome."""
        if self.verified_at is not None or self.consumed_at is not None:
            return OtpCheck.USED
        if self.attempts >= self.max_attempts:
            return OtpCheck.BLOCKED
        if now >= self.expires_at:
            return OtpCheck.EXPIRED
        if not matches:
            self.attempts += 1
            return OtpCheck.BLOCKED if self.attempts >= self.max_attempts else OtpCheck.WRONG
        self.verified_at = now
        return OtpCheck.ACCEPTED

    def grant_ticket(self, ticket_digest: str) -> None:
        """After a verified code, a single-use ticket carries the permission to the next step."""
        self.ticket_digest = ticket_digest

    def redeem(self, now: datetime) -> None:
        if self.consumed_at is not None:
            raise OtpUsed()
        if now >= self.expires_at:
            raise OtpExpired()
        self.consumed_at = now


def raise_for(check: OtpCheck, *, attempts_left: int, field: str = "code") -> None:
    """The error a failed check answers with (nothing for an accepted code)."""
    if check is OtpCheck.WRONG:
        raise OtpInvalid(field=field, attempts_left=attempts_left)
    if check is OtpCheck.EXPIRED:
        raise OtpExpired()
    if check is OtpCheck.BLOCKED:
        raise OtpBlocked()
    if check is OtpCheck.USED:
        raise OtpUsed()
