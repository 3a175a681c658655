"""TOTP (RFC 6238) with pyotp: 6 digits, SHA-1, 30-second steps, the authenticator-app default."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

import pyotp

STEP_SECONDS: Final = 30
DIGITS: Final = 6


class PyotpEngine:
    def __init__(self, *, digits: int = DIGITS, digest: Callable[..., Any] = hashlib.sha1) -> None:
        self._digits = digits
        self._digest = digest

    def _totp(self, secret: str) -> pyotp.TOTP:
        return pyotp.TOTP(secret, digits=self._digits, digest=self._digest, interval=STEP_SECONDS)

    def new_secret(self) -> str:
        return pyotp.random_base32(length=32)  # 160 bits

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str:
        return self._totp(secret).provisioning_uri(name=account, issuer_name=issuer)

    def code_at(self, secret: str, at: datetime) -> str:
        return self._totp(secret).at(at)

    def matching_step(self, secret: str, code: str, *, at: datetime, window: int) -> int | None:
        totp = self._totp(secret)
        now_step = int(at.timestamp()) // STEP_SECONDS
        for step in range(now_step - window, now_step + window + 1):
            if hmac.compare_digest(totp.generate_otp(step), code):
                return step
        return None
