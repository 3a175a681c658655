"""What the identity use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.identity.contact import mask_email, mask_phone
from domain.identity.device import KnownDevice
from domain.identity.ids import DeviceId, RegistrationId, SessionId
from domain.identity.registration import Registration, RegistrationStep
from domain.identity.session import Session
from domain.identity.user import User
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives
    refresh_expires_in: int
    session_id: SessionId


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoFactorChallenge:
    challenge_token: str
    expires_in: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginOutcome:
    """Either tokens, or a two-factor challenge to answer first."""

    tokens: TokenPair | None = None
    challenge: TwoFactorChallenge | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UserView:
    id: UserId
    code: str
    email: str
    phone: str
    full_name: str
    date_of_birth: date | None
    country: str | None
    roles: frozenset[str]
    two_factor_enabled: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User, *, two_factor_enabled: bool) -> UserView:
        return cls(
            id=user.id,
            code=user.code,
            email=user.email,
            phone=user.phone,
            full_name=user.profile.full_name,
            date_of_birth=user.profile.date_of_birth,
            country=user.profile.country,
            roles=user.roles,
            two_factor_enabled=two_factor_enabled,
            created_at=user.created_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationView:
    id: RegistrationId
    email: str  # masked
    mobile: str  # masked
    email_verified: bool
    mobile_verified: bool
    next_step: RegistrationStep
    expires_at: datetime

    @classmethod
    def of(cls, registration: Registration, now: datetime) -> RegistrationView:
        return cls(
            id=registration.id,
            email=mask_email(registration.email),
            mobile=mask_phone(registration.phone),
            email_verified=registration.email_verified_at is not None,
            mobile_verified=registration.phone_verified_at is not None,
            next_step=registration.step(now),
            expires_at=registration.expires_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationResult:
    user: UserView
    tokens: TokenPair


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


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoFactorEnrollment:
    secret: str  # base32, for typing into an authenticator by hand
    otpauth_uri: str
    qr_code: str  # PNG data URI of the otpauth URI


@dataclass(frozen=True, slots=True, kw_only=True)
class RecoveryCodes:
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ResetTicket:
    reset_token: str
    expires_at: datetime
