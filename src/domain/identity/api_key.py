"""API keys for programmatic clients: ``mk_<prefix>_<secret>``. The prefix (public, unique)
finds the key; ``mk_<prefix>`` is the key id a signed request names. The secret is shown once and
kept as an HMAC (to check a presented key) and sealed under the field-encryption keys (to check
a request's signature: docs/api_keys.md). Keys carry scopes (never one that moves money out,
changes credentials or manages keys), an IP allowlist and a rate limit, may expire, can be
revoked, and rotate with a grace period during which the old key still works."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final, NewType
from uuid import UUID

from domain.shared.errors import (
    FieldError,
    NotFound,
    PermissionDenied,
    RuleViolated,
    Unauthenticated,
    ValidationFailed,
    invalid_field,
)
from domain.shared.ids import UserId, new_uuid

ApiKeyId = NewType("ApiKeyId", UUID)

KEY_PREFIX: Final = "mk"
_PREFIX_ALPHABET: Final = "23456789abcdefghjkmnpqrstuvwxyz"
_KEY = re.compile(r"^mk_(?P<prefix>[a-z0-9]{10})_(?P<secret>[A-Za-z0-9_-]{43})$")
_KEY_ID = re.compile(r"^mk_(?P<prefix>[a-z0-9]{10})$")

MARKET_READ: Final = "market:read"
ACCOUNT_READ: Final = "account:read"
TRADE: Final = "trade"
STATUS_READ: Final = "status:read"
SCOPES: Final = {
    STATUS_READ: "The partner API's status and the key's own details",
    MARKET_READ: "Market data: instruments, order book depth, prices and the live feed",
    ACCOUNT_READ: "Read the owner's account: profile, balances, transactions, orders, fills, "
    "positions",
    TRADE: "Place, amend and cancel the owner's orders",
}
# Retired names, still accepted when a key is created and rewritten to what they became (the
# migration that retired them rewrote the stored keys too).
SCOPE_ALIASES: Final = {"instruments:read": MARKET_READ, "prices:read": MARKET_READ}
DEFAULT_RATE_LIMIT_PER_MINUTE: Final = 60
MAX_RATE_LIMIT_PER_MINUTE: Final = 6000
MAX_GRACE: Final = timedelta(days=7)


class ApiKeyNotFound(NotFound):
    code = "api_key_not_found"
    title = "API key not found"

    def __init__(self) -> None:
        super().__init__("You have no API key with this id.")


class ApiKeyInvalid(Unauthenticated):
    code = "api_key_invalid"
    title = "API key not valid"

    def __init__(self) -> None:
        super().__init__("This API key is not valid.")


class ApiKeyExpired(Unauthenticated):
    code = "api_key_expired"
    title = "API key expired"

    def __init__(self) -> None:
        super().__init__("This API key has expired.")


class ApiKeyRevoked(Unauthenticated):
    code = "api_key_revoked"
    title = "API key revoked"

    def __init__(self) -> None:
        super().__init__("This API key was revoked.")


class ApiKeyScopeMissing(PermissionDenied):
    code = "api_key_scope"
    title = "API key lacks the scope"

    def __init__(self, scope: str) -> None:
        super().__init__(f"This API key does not have the {scope} scope.")


class ApiKeyNotAccepted(PermissionDenied):
    """The route does not take API keys at all (deny by default): withdrawals, conversions,
    credentials, key management and every route that declares no key scope."""

    code = "api_key_not_accepted"
    title = "API keys are not accepted here"

    def __init__(self) -> None:
        super().__init__("This route does not accept API keys: sign in as a user.")


class ApiKeyIpNotAllowed(PermissionDenied):
    code = "api_key_ip_not_allowed"
    title = "Address not allowed for this key"

    def __init__(self) -> None:
        super().__init__("This API key may not be used from this address.")


class ApiKeySignatureRequired(Unauthenticated):
    code = "api_key_signature_required"
    title = "Signed request required"

    def __init__(self) -> None:
        super().__init__(
            "A request that changes state must be signed: send X-MK-Key, X-MK-Timestamp and "
            "X-MK-Signature instead of X-API-Key."
        )


class ApiKeySignatureInvalid(Unauthenticated):
    code = "api_key_signature_invalid"
    title = "Request signature not valid"

    def __init__(self, detail: str = "The request signature does not match.") -> None:
        super().__init__(detail)


class ApiKeyTimestampOutOfWindow(Unauthenticated):
    code = "api_key_timestamp_out_of_window"
    title = "Request timestamp outside the window"

    def __init__(self, window_seconds: int) -> None:
        super().__init__(
            f"X-MK-Timestamp must be the current Unix time in milliseconds, within "
            f"{window_seconds} s of the server's clock."
        )


class ApiKeyReplayed(Unauthenticated):
    code = "api_key_replayed"
    title = "Request already seen"

    def __init__(self) -> None:
        super().__init__("This signed request was already received: sign each request anew.")


class ApiKeyNotActive(RuleViolated):
    code = "api_key_not_active"
    title = "API key no longer active"

    def __init__(self) -> None:
        super().__init__("This key is revoked or expired: create a new one.")


def clean_scopes(scopes: Sequence[str]) -> frozenset[str]:
    unknown = [s for s in scopes if s not in SCOPES and s not in SCOPE_ALIASES]
    if unknown:
        message = f"unknown scope(s) {', '.join(unknown)}: one of {', '.join(sorted(SCOPES))}"
        raise ValidationFailed(
            f"scopes: {message}",
            code="unknown_scope",
            errors=[FieldError("scopes", message, "unknown_scope")],
        )
    if not scopes:
        raise invalid_field("scopes", "at least one scope")
    return frozenset(SCOPE_ALIASES.get(s, s) for s in scopes)


def key_context(key_id: ApiKeyId) -> bytes:
    """What a key's sealed secret is bound to: it opens only for its own key."""
    return f"api_key:{key_id}".encode()


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    prefix: str
    secret: str

    @property
    def key(self) -> str:
        return f"{KEY_PREFIX}_{self.prefix}_{self.secret}"

    @property
    def key_id(self) -> str:
        """The public name of the key, what a signed request sends in ``X-MK-Key``."""
        return f"{KEY_PREFIX}_{self.prefix}"


def issue_secret() -> IssuedSecret:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(10))
    return IssuedSecret(prefix=prefix, secret=secrets.token_urlsafe(32))


def split_key(raw: str) -> IssuedSecret | None:
    match = _KEY.match(raw.strip())
    return IssuedSecret(match["prefix"], match["secret"]) if match else None


def prefix_of_key_id(raw: str) -> str | None:
    """``mk_<prefix>`` → ``<prefix>``, or None for anything else."""
    match = _KEY_ID.match(raw.strip())
    return match["prefix"] if match else None


@dataclass(slots=True, kw_only=True)
class ApiKey:
    owner_id: UserId
    name: str
    prefix: str
    secret_digest: str
    scopes: frozenset[str]
    created_at: datetime
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    rotated_at: datetime | None = None
    last_used_at: datetime | None = None
    last_used_ip: str | None = None
    sealed_secret: str | None = None  # None: a key made before signing existed (cannot sign)
    ip_allowlist: tuple[str, ...] = ()  # CIDRs; empty allows every address
    id: ApiKeyId = field(default_factory=lambda: ApiKeyId(new_uuid()))

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)

    def ensure_usable(self, now: datetime) -> None:
        if self.revoked_at is not None:
            raise ApiKeyRevoked()
        if self.expires_at is not None and now >= self.expires_at:
            raise ApiKeyExpired()

    def ensure_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise ApiKeyScopeMissing(scope)

    def revoke(self, now: datetime) -> None:
        if self.revoked_at is None:
            self.revoked_at = now

    def retire(self, now: datetime, grace: timedelta) -> None:
        """Rotated: the old secret keeps working for ``grace``, then expires."""
        if not self.is_active(now):
            raise ApiKeyNotActive()
        if not timedelta(0) <= grace <= MAX_GRACE:
            raise invalid_field("grace_seconds", f"0 to {int(MAX_GRACE.total_seconds())}")
        ends = now + grace
        self.expires_at = ends if self.expires_at is None else min(self.expires_at, ends)
        self.rotated_at = now
