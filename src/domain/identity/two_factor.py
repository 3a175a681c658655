"""Authenticator-app two-factor (TOTP, RFC 6238): a secret sealed at rest, confirmed by a first
code, each time step accepted once; recovery codes stand in when the phone is lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.errors import TwoFactorAlreadyEnabled
from domain.shared.ids import UserId


@dataclass(slots=True, kw_only=True)
class TotpCredential:
    user_id: UserId
    sealed_secret: str  # FieldCipher token, never the plain secret
    created_at: datetime
    enabled_at: datetime | None = None
    last_used_step: int | None = None

    @property
    def enabled(self) -> bool:
        return self.enabled_at is not None

    def accepts_step(self, step: int) -> bool:
        """A code is good once: its time step must be later than the last one used."""
        return self.last_used_step is None or step > self.last_used_step

    def use_step(self, step: int) -> None:
        self.last_used_step = step

    def enable(self, step: int, now: datetime) -> None:
        if self.enabled:
            raise TwoFactorAlreadyEnabled()
        self.enabled_at = now
        self.use_step(step)


def totp_context(user_id: UserId) -> bytes:
    """What a sealed TOTP secret is bound to: it opens only for its own user."""
    return f"totp:{user_id}".encode()
