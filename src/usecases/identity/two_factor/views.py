"""What the two-factor use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoFactorEnrollment:
    secret: str  # base32, for typing into an authenticator by hand
    otpauth_uri: str
    qr_code: str  # PNG data URI of the otpauth URI


@dataclass(frozen=True, slots=True, kw_only=True)
class RecoveryCodes:
    codes: tuple[str, ...]
