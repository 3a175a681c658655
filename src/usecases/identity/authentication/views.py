"""What the login and session use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.device import KnownDevice
from domain.identity.ids import DeviceId, SessionId
from domain.identity.session import Session
from usecases.identity.profile.views import UserView


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives
    refresh_expires_in: int
    session_id: SessionId


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionStarted:
    """A new session: who signed in and their tokens (login, two-factor login, registration),
    so a client needs nothing more to show who they are."""

    user: UserView
    tokens: TokenPair


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoFactorChallenge:
    challenge_token: str
    expires_in: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginOutcome:
    """Either a session, or a two-factor challenge to answer first."""

    session: SessionStarted | None = None
    challenge: TwoFactorChallenge | None = None

    @property
    def tokens(self) -> TokenPair | None:
        return None if self.session is None else self.session.tokens


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionView:
    id: SessionId
    device: str
    device_id: str | None
    user_agent: str | None
    ip: str | None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    current: bool

    @classmethod
    def of(cls, session: Session, *, current: bool) -> SessionView:
        return cls(
            id=session.id,
            device=session.device_label,
            device_id=session.device_id,
            user_agent=session.user_agent,
            ip=session.ip,
            created_at=session.created_at,
            last_seen_at=session.last_seen_at,
            expires_at=session.expires_at,
            current=current,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceView:
    id: DeviceId
    label: str
    browser: str | None
    os: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    last_ip: str | None

    @classmethod
    def of(cls, device: KnownDevice) -> DeviceView:
        return cls(
            id=device.id,
            label=device.label,
            browser=device.browser,
            os=device.os,
            first_seen_at=device.first_seen_at,
            last_seen_at=device.last_seen_at,
            last_ip=device.last_ip,
        )
