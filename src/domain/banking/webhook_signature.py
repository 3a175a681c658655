"""Signed bank-rail webhooks: ``Meridian-Signature: t=<unix seconds>,v1=<hex>``.

``v1`` is HMAC-SHA256 under the shared webhook secret over ``"<t>." + raw body``, the scheme
payment providers use (Stripe, Razorpay): the timestamp is covered by the signature, so an old
delivery cannot be replayed with a fresh ``t``, and deliveries outside the tolerance window are
refused. Several ``v1`` values may be present while a secret is being rotated.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Final

from domain.shared.errors import Unauthenticated

HEADER: Final = "Meridian-Signature"
SCHEME: Final = "v1"


class WebhookRejected(Unauthenticated):
    code = "webhook_signature_invalid"
    title = "Webhook signature invalid"


class WebhookExpired(WebhookRejected):
    code = "webhook_timestamp_out_of_tolerance"
    title = "Webhook timestamp outside the tolerance window"


def _digest(secret: bytes, timestamp: int, body: bytes) -> str:
    return hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: bytes, body: bytes, *, at: datetime) -> str:
    """The header value a sender puts on ``body`` sent at ``at``."""
    timestamp = int(at.timestamp())
    return f"t={timestamp},{SCHEME}={_digest(secret, timestamp, body)}"


def verify(
    header: str | None,
    body: bytes,
    *,
    secrets: tuple[bytes, ...],
    now: datetime,
    tolerance_seconds: int,
) -> int:
    """Check ``header`` against ``body``: the signed timestamp, or ``WebhookRejected``."""
    if not header:
        raise WebhookRejected(f"the {HEADER} header is missing")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME and value:
            candidates.append(value)
    if timestamp is None or not candidates:
        raise WebhookRejected(f"the {HEADER} header is malformed")
    if abs(now.timestamp() - timestamp) > tolerance_seconds:
        raise WebhookExpired("the webhook timestamp is outside the tolerance window")
    expected = [_digest(secret, timestamp, body) for secret in secrets]
    if not any(hmac.compare_digest(e, c) for e in expected for c in candidates):
        raise WebhookRejected("the webhook signature does not match")
    return timestamp
