"""API keys for partners: ``mk_<prefix>_<secret>``. The prefix (public, unique) finds the key;
the secret is shown once and kept only as an HMAC. Keys carry scopes, may expire, can be
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

SCOPES: Final = {
    "status:read": "The partner API's status and the key's own details",
    "instruments:read": "The instrument list (when trading exists)",
    "prices:read": "Prices and quotes (when market data exists)",
}
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


class ApiKeyNotActive(RuleViolated):
    code = "api_key_not_active"
    title = "API key no longer active"

    def __init__(self) -> None:
        super().__init__("This key is revoked or expired: create a new one.")


def clean_scopes(scopes: Sequence[str]) -> frozenset[str]:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        message = f"unknown scope(s) {', '.join(unknown)}: one of {', '.join(sorted(SCOPES))}"
        raise ValidationFailed(
            f"scopes: {message}",
            code="unknown_scope",
            errors=[FieldError("scopes", message, "unknown_scope")],
        )
    if not scopes:
        raise invalid_field("scopes", "at least one scope")
    return frozenset(scopes)


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    prefix: str
    secret: str

    @property
    def key(self) -> str:
        return f"{KEY_PREFIX}_{self.prefix}_{self.secret}"


def issue_secret() -> IssuedSecret:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(10))
    return IssuedSecret(prefix=prefix, secret=secrets.token_urlsafe(32))


def split_key(raw: str) -> IssuedSecret | None:
    match = _KEY.match(raw.strip())
    return IssuedSecret(match["prefix"], match["secret"]) if match else None


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
    id: ApiKeyId = field(default_factory=lambda: ApiKeyId(new_uuid()))

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)

    def ensure_usable(self, now: datetime) -> None:
        if self.revoked_at is not None:
            raise ApiKeyRevoked()
        if self.expires_at is not None and now >= self.expires_at:
            raise ApiKeyExpired()

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
