"""A session is one login on one device: a family of refresh tokens, each used once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.device import DeviceInfo
from domain.identity.ids import SessionId
from domain.shared.ids import UserId


@dataclass(slots=True, kw_only=True)
class Session:
    id: SessionId
    user_id: UserId
    device_key: str
    device_label: str
    device_id: str | None
    user_agent: str | None
    ip: str | None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None

    @classmethod
    def start(
        cls,
        *,
        id: SessionId,
        user_id: UserId,
        device: DeviceInfo,
        now: datetime,
        expires_at: datetime,
    ) -> Session:
        return cls(
            id=id,
            user_id=user_id,
            device_key=device.key,
            device_label=device.label,
            device_id=device.device_id,
            user_agent=device.agent.raw,
            ip=device.ip,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshTokenRecord:
    """A stored refresh token: only its digest is kept."""

    session_id: SessionId
    user_id: UserId
    digest: str
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
