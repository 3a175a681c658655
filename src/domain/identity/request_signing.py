"""Signed API-key requests: what is signed, how, and for how long a signature is good.

The client sends ``X-MK-Key: mk_<prefix>`` (the key id, never the secret),
``X-MK-Timestamp: <Unix time in milliseconds>`` and ``X-MK-Signature``: the lowercase hex
HMAC-SHA256, keyed with the whole key string ``mk_<prefix>_<secret>``, of

    <timestamp> "\\n" <METHOD> "\\n" <path, plus "?" and the query when there is one> "\\n" <body>

with the path and query exactly as sent on the wire (percent-encoding included) and the body's
raw bytes (empty for a GET). A signature is good for ``WINDOW`` either side of the server's
clock and only once (docs/api_keys.md)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Final

WINDOW: Final = timedelta(seconds=5)
SIGNATURE_HEX_LENGTH: Final = 64
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})


def signing_payload(timestamp: str, method: str, target: str, body: bytes) -> bytes:
    return f"{timestamp}\n{method.upper()}\n{target}\n".encode() + body


def sign(key: str, timestamp: str, method: str, target: str, body: bytes) -> str:
    payload = signing_payload(timestamp, method, target, body)
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


def signature_matches(
    key: str, presented: str, *, timestamp: str, method: str, target: str, body: bytes
) -> bool:
    """Constant-time comparison of the presented hex signature with the expected one."""
    expected = sign(key, timestamp, method, target, body)
    return hmac.compare_digest(expected.encode(), presented.strip().lower().encode())


def timestamp_at(raw: str) -> datetime | None:
    """The moment a ``X-MK-Timestamp`` names (Unix milliseconds), or None when malformed."""
    text = raw.strip()
    if not text.isdigit() or len(text) > 15:
        return None
    return datetime.fromtimestamp(int(text) / 1000, tz=UTC)


def within_window(raw: str, now: datetime, window: timedelta = WINDOW) -> bool:
    moment = timestamp_at(raw)
    return moment is not None and abs(now - moment) <= window


def changes_state(method: str) -> bool:
    return method.upper() not in SAFE_METHODS
