"""Secrets the context hands out, all from the operating system's CSPRNG."""

from __future__ import annotations

import secrets
from typing import Final

OTP_DIGITS: Final = 6
RECOVERY_CODE_COUNT: Final = 10
# Crockford-style alphabet without look-alikes (no 0/O, 1/I/L).
_RECOVERY_ALPHABET: Final = "23456789abcdefghjkmnpqrstuvwxyz"


def new_otp_code() -> str:
    return f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"


def new_opaque_token() -> str:
    """256 bits, URL-safe: refresh tokens and similar bearer secrets."""
    return secrets.token_urlsafe(32)


def new_recovery_code() -> str:
    """``xxxxx-xxxxx``: 10 characters of a 31-letter alphabet (about 50 bits)."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def normalise_recovery_code(raw: str) -> str:
    compact = "".join(ch for ch in raw.strip().lower() if ch not in "- ")
    return f"{compact[:5]}-{compact[5:]}" if len(compact) == 10 else compact
