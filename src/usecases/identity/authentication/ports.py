"""What login and sessions need from the outside world: the token codec, user-agent parsing, and
the session, refresh-token, device and login-activity stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.identity.device import KnownDevice, UserAgent
from domain.identity.ids import DeviceId, SessionId
from domain.identity.security_event import SecurityEvent
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.user import User
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.ports import UserAccess


class TokenType(StrEnum):
    ACCESS = "access"
    TWO_FACTOR = "2fa_challenge"


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenClaims:
    token_type: TokenType
    subject: UserId
    token_id: str
    issued_at: datetime
    expires_at: datetime
    session_id: SessionId | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    device_id: str | None = None


class TokenCodec(Protocol):
    """Signed, short-lived tokens (JWT). ``decode`` checks signature, algorithm, issuer,
    audience, expiry, not-before and type, raising ``TokenInvalid`` or ``TokenExpired``."""

    def encode(self, claims: TokenClaims) -> str: ...

    def decode(self, token: str, *, expected: TokenType) -> TokenClaims: ...


class UserAgentParser(Protocol):
    def parse(self, raw: str | None) -> UserAgent: ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def start(self, session: Session, first_token: RefreshTokenRecord) -> None:
        """A new session and its first refresh token, written together."""
        ...

    async def get(self, session_id: SessionId) -> Session | None: ...

    async def touch(
        self, session_id: SessionId, *, now: datetime, expires_at: datetime
    ) -> None: ...

    async def revoke(self, session_id: SessionId, *, now: datetime, reason: str) -> bool:
        """Revoke when still active; True when this call revoked it."""
        ...

    async def revoke_all(
        self, user_id: UserId, *, now: datetime, reason: str
    ) -> list[SessionId]: ...

    async def revoke_device(
        self, user_id: UserId, device_key: str, *, now: datetime, reason: str
    ) -> list[SessionId]: ...

    async def active_for_user(
        self, user_id: UserId, *, now: datetime, page: PageRequest
    ) -> Page[Session]: ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshTokenRecord) -> None: ...

    async def claim(self, digest: str, *, now: datetime) -> RefreshTokenRecord | None:
        """Mark an unused token used, atomically (one caller wins); ``None`` when it is
        unknown or already used."""
        ...

    async def find(self, digest: str) -> RefreshTokenRecord | None: ...


class DeviceRepository(Protocol):
    async def find(self, user_id: UserId, key: str) -> KnownDevice | None: ...

    async def get(self, user_id: UserId, device_id: DeviceId) -> KnownDevice | None: ...

    async def add(self, device: KnownDevice) -> bool:
        """False when a concurrent login added the same device first."""
        ...

    async def save(self, device: KnownDevice) -> None: ...

    async def remove(self, device: KnownDevice) -> None: ...

    async def for_user(self, user_id: UserId) -> list[KnownDevice]: ...

    async def page_for_user(self, user_id: UserId, page: PageRequest) -> Page[KnownDevice]:
        """Most recently seen first."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginHistory:
    """What risk scoring needs from a user's login activity."""

    succeeded_ips: frozenset[str]  # addresses of successful logins (the most recent ones)
    failed_logins: int  # failed logins since the time asked about
    wrong_codes: int  # wrong two-factor codes at login since the time asked about


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginSubject:
    """What a login reads of the account it names, in one go before the password check: the
    user, their access (security settings, two-factor state), their device with the login's
    key, whether they have any device, and the login activity risk scoring looks at."""

    user: User
    access: UserAccess
    device: KnownDevice | None  # the user's device with the login's key (None: a new one)
    has_devices: bool  # the user has any known device
    history: LoginHistory


class LoginActivityRepository(Protocol):
    async def add(self, event: SecurityEvent) -> None: ...

    async def for_user(self, user_id: UserId, page: PageRequest) -> Page[SecurityEvent]:
        """Newest first."""
        ...

    async def history(self, user_id: UserId, *, since: datetime) -> LoginHistory: ...

    async def suspicious(
        self, user_id: UserId, *, min_score: int, page: PageRequest
    ) -> Page[SecurityEvent]:
        """Failed events and logins scored at or above ``min_score``, newest first."""
        ...
