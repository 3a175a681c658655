"""What the API-key use cases return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.api_key import KEY_PREFIX, ApiKey, ApiKeyId


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiKeyView:
    id: ApiKeyId
    owner_code: str | None
    name: str
    prefix: str
    key_id: str
    scopes: tuple[str, ...]
    rate_limit_per_minute: int
    ip_allowlist: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    rotated_at: datetime | None
    last_used_at: datetime | None
    last_used_ip: str | None
    active: bool

    @classmethod
    def of(cls, key: ApiKey, *, now: datetime, owner_code: str | None) -> ApiKeyView:
        return cls(
            id=key.id,
            owner_code=owner_code,
            name=key.name,
            prefix=key.prefix,
            key_id=f"{KEY_PREFIX}_{key.prefix}",
            scopes=tuple(sorted(key.scopes)),
            rate_limit_per_minute=key.rate_limit_per_minute,
            ip_allowlist=key.ip_allowlist,
            created_at=key.created_at,
            expires_at=key.expires_at,
            revoked_at=key.revoked_at,
            rotated_at=key.rotated_at,
            last_used_at=key.last_used_at,
            last_used_ip=key.last_used_ip,
            active=key.is_active(now),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedApiKey:
    """The one time the secret is shown."""

    key: ApiKeyView
    secret: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerStatusView:
    status: str
    server_time: datetime
    key_prefix: str | None
    key_name: str | None
    scopes: tuple[str, ...]
    expires_at: datetime | None
