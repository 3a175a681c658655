"""Human-readable codes (``USR-7K2M9Q``, ``BRN-...``, ``FTR-...``) used in URLs.

Six characters of Crockford's base-32 alphabet (no I, L, O, U) from the OS CSPRNG: about a
billion codes per prefix. Uniqueness is the database's job (a unique constraint); the
repositories draw a new code when an insert collides."""

from __future__ import annotations

import re
import secrets
from typing import Final

ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH: Final = 6
USER_PREFIX: Final = "USR"
BRANCH_PREFIX: Final = "BRN"
FEATURE_PREFIX: Final = "FTR"
_CODE = re.compile(rf"^(?P<prefix>[A-Z]{{3}})-(?P<body>[{ALPHABET}]{{{LENGTH}}})$")


def _random_body() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_code(prefix: str) -> str:
    return f"{prefix}-{_random_body()}"


def normalise_code(raw: str, prefix: str) -> str | None:
    """The canonical code (upper case; O read as 0, I and L as 1), or ``None`` when ``raw``
    cannot be a code of this prefix."""
    text = raw.strip().upper()
    head, sep, body = text.partition("-")
    if not sep:
        return None
    body = body.replace("O", "0").replace("I", "1").replace("L", "1")
    candidate = f"{head}-{body}"
    match = _CODE.match(candidate)
    return candidate if match and match["prefix"] == prefix else None
