"""What the identity use cases need from the outside world, as Protocols.

Cryptography (password hashing, JWT, TOTP), QR rendering, contact validation and user-agent
parsing are implemented in ``infrastructure/identity``; repositories in
``adapters/persistence/identity``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal, Protocol
from uuid import UUID

from domain.identity.api_key import ApiKey, ApiKeyId
from domain.identity.branch import Branch
from domain.identity.device import KnownDevice, UserAgent
from domain.identity.feature import Feature, FeatureId
from domain.identity.ids import DeviceId, RegistrationId, SessionId
from domain.identity.otp import OneTimeCode, OtpPurpose
from domain.identity.registration import Registration
from domain.identity.security_event import SecurityEvent
from domain.identity.security_settings import SecuritySettings
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.two_factor import TotpCredential
from domain.identity.user import User, UserStatus
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.unit_of_work import UnitOfWork

# --- cryptography and parsing ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PasswordCheck:
    matches: bool
    upgraded_hash: str | None = None  # set when the stored hash should be replaced


class PasswordHasher(Protocol):
    """Slow, salted password hashing; the work runs off the event loop."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        """With ``stored_hash=None`` a dummy hash is checked, so an unknown account costs the
        same time as a known one; the answer is then always a mismatch."""
        ...


@dataclass(frozen=True, slots=True)
class StrengthVerdict:
    score: int  # 0..4
    common: bool  # found in a list of common passwords
    warning: str | None = None
    suggestions: tuple[str, ...] = ()


class PasswordStrength(Protocol):
    async def assess(self, password: str, *, hints: Sequence[str]) -> StrengthVerdict: ...


class SecretDigest(Protocol):
    """Keyed digest (HMAC) of high-entropy secrets and of codes bound to their context."""

    def digest(self, value: str, *, purpose: str) -> str: ...

    def matches(self, value: str, digest: str, *, purpose: str) -> bool:
        """Constant-time comparison."""
        ...


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


class TotpEngine(Protocol):
    def new_secret(self) -> str:
        """A fresh base32 secret (160 bits)."""
        ...

    def provisioning_uri(self, secret: str, *, account: str, issuer: str) -> str: ...

    def matching_step(self, secret: str, code: str, *, at: datetime, window: int) -> int | None:
        """The time step (``unix time // 30``) within ±``window`` steps whose code is
        ``code``, or ``None``."""
        ...


class QrRenderer(Protocol):
    def png_data_uri(self, data: str) -> str: ...


class ContactNormalizer(Protocol):
    """Validate and normalise contact points, raising ``ValidationFailed`` naming ``field``."""

    def email(self, raw: str, *, field: str) -> str: ...

    def phone(self, raw: str, *, field: str) -> str:
        """E.164 (``+919876543210``)."""
        ...


class UserAgentParser(Protocol):
    def parse(self, raw: str | None) -> UserAgent: ...


class SecurityLog(Protocol):
    """The structured security log (one JSON line per event, no secrets)."""

    def emit(self, event: SecurityEvent) -> None: ...


# --- repositories ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UserAccess:
    """What every authenticated request checks about its user (cached, dropped on change)."""

    status: UserStatus
    tokens_valid_after: datetime | None
    roles: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    require_two_factor: bool = False
    two_factor_enabled: bool = False
    ip_allowlist: tuple[str, ...] = ()
    idle_timeout_seconds: int | None = None


UserSort = Literal["created_at", "full_name", "email", "code", "kyc_level"]


@dataclass(frozen=True, slots=True, kw_only=True)
class UserQuery:
    text: str | None = None  # name, email, mobile or code, partial
    name: str | None = None
    email: str | None = None
    mobile: str | None = None
    code: str | None = None
    role: str | None = None
    status: UserStatus | None = None
    kyc_level: int | None = None
    branch_id: UUID | None = None
    sort: UserSort = "created_at"
    descending: bool = True
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class UserSearchResult:
    items: Sequence[User]
    total: int


class UserRepository(Protocol):
    async def add(self, user: User) -> None: ...

    async def get(self, user_id: UserId) -> User | None: ...

    async def get_for_update(self, user_id: UserId) -> User | None: ...

    async def by_email(self, email: str) -> User | None: ...

    async def by_phone(self, phone: str) -> User | None: ...

    async def access(self, user_id: UserId) -> UserAccess | None: ...

    async def save(self, user: User) -> None: ...

    async def by_code(self, code: str) -> User | None: ...

    async def by_code_for_update(self, code: str) -> User | None: ...

    async def lock_super_admins(self) -> list[User]: ...

    async def count_in_branch(self, branch_id: UUID) -> int: ...

    async def search(self, query: UserQuery) -> UserSearchResult: ...

    async def by_ids(self, ids: Sequence[UserId]) -> list[User]: ...

    async def set_risk_score(self, user_id: UserId, score: int) -> None:
        """Keep the score of the user's latest scored login."""
        ...


class BranchRepository(Protocol):
    async def add(self, branch: Branch) -> None:
        """Inserts at once; draws another code when a concurrent insert took this one."""
        ...

    async def by_code(self, code: str, *, for_update: bool = False) -> Branch | None:
        """A branch that is not removed."""
        ...

    async def get(self, branch_id: UUID) -> Branch | None: ...

    async def page(self, *, limit: int, offset: int) -> tuple[list[Branch], int]: ...

    async def save(self, branch: Branch) -> None: ...


class FeatureRepository(Protocol):
    async def add(self, feature: Feature) -> None: ...

    async def by_code(self, code: str, *, for_update: bool = False) -> Feature | None: ...

    async def by_key(self, key: str) -> Feature | None: ...

    async def all(self) -> list[Feature]: ...

    async def save(self, feature: Feature) -> None: ...

    async def grant(self, user_id: UserId, feature_id: FeatureId, *, now: datetime) -> bool: ...

    async def revoke(self, user_id: UserId, feature_id: FeatureId) -> bool: ...

    async def is_granted(self, user_id: UserId, feature_id: FeatureId) -> bool: ...

    async def granted_keys(self, user_id: UserId) -> list[str]: ...


class SecuritySettingsRepository(Protocol):
    async def get(self, user_id: UserId, *, for_update: bool = False) -> SecuritySettings:
        """The user's settings (defaults when none were saved)."""
        ...

    async def put(self, settings: SecuritySettings) -> None: ...


class RolePolicyRepository(Protocol):
    async def two_factor_roles(self) -> frozenset[str]: ...

    async def set_two_factor(self, role: str, required: bool, *, now: datetime) -> None: ...


class ApiKeyRepository(Protocol):
    async def add(self, key: ApiKey) -> None: ...

    async def get(self, key_id: ApiKeyId, *, for_update: bool = False) -> ApiKey | None: ...

    async def by_prefix(self, prefix: str) -> ApiKey | None: ...

    async def for_owner(self, owner_id: UserId | None) -> list[ApiKey]:
        """Keys of one owner, or of everyone (``None``), newest first."""
        ...

    async def save(self, key: ApiKey) -> None: ...

    async def mark_used(
        self, key_id: ApiKeyId, *, now: datetime, ip: str | None, every: timedelta
    ) -> None: ...


class RegistrationRepository(Protocol):
    async def add(self, registration: Registration) -> None: ...

    async def get_for_update(self, registration_id: RegistrationId) -> Registration | None: ...

    async def get(self, registration_id: RegistrationId) -> Registration | None: ...

    async def save(self, registration: Registration) -> None: ...


class OtpRepository(Protocol):
    async def add(self, code: OneTimeCode) -> None: ...

    async def latest_for_update(
        self, purpose: OtpPurpose, subject: str, destination: str
    ) -> OneTimeCode | None:
        """The newest code of this purpose, subject and destination, row-locked."""
        ...

    async def by_ticket_for_update(self, ticket_digest: str) -> OneTimeCode | None: ...

    async def last_sent_at(self, purpose: OtpPurpose, destination: str) -> datetime | None: ...

    async def sent_since(self, destination: str, since: datetime) -> int:
        """How many codes (any purpose) went to this destination since ``since``."""
        ...

    async def save(self, code: OneTimeCode) -> None: ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

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


class TotpRepository(Protocol):
    async def get(self, user_id: UserId) -> TotpCredential | None: ...

    async def get_for_update(self, user_id: UserId) -> TotpCredential | None: ...

    async def put(self, credential: TotpCredential) -> None:
        """Insert or replace the user's credential."""
        ...

    async def remove(self, user_id: UserId) -> None: ...


class RecoveryCodeRepository(Protocol):
    async def replace(self, user_id: UserId, digests: Sequence[str], *, now: datetime) -> None: ...

    async def consume(self, user_id: UserId, digest: str, *, now: datetime) -> bool:
        """Mark an unused code used, atomically; True when it was there to use."""
        ...

    async def remove_all(self, user_id: UserId) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginHistory:
    """What risk scoring needs from a user's login activity."""

    succeeded_ips: frozenset[str]  # addresses of successful logins (the most recent ones)
    failed_logins: int  # failed logins since the time asked about
    wrong_codes: int  # wrong two-factor codes at login since the time asked about


class LoginActivityRepository(Protocol):
    async def add(self, event: SecurityEvent) -> None: ...

    async def for_user(self, user_id: UserId, *, limit: int) -> list[SecurityEvent]: ...

    async def history(self, user_id: UserId, *, since: datetime) -> LoginHistory: ...

    async def suspicious(
        self, user_id: UserId, *, min_score: int, page: PageRequest
    ) -> Page[SecurityEvent]:
        """Failed events and logins scored at or above ``min_score``, newest first."""
        ...


class IdentityUnitOfWork(UnitOfWork, Protocol):
    @property
    def users(self) -> UserRepository: ...

    @property
    def registrations(self) -> RegistrationRepository: ...

    @property
    def otps(self) -> OtpRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...

    @property
    def devices(self) -> DeviceRepository: ...

    @property
    def totp(self) -> TotpRepository: ...

    @property
    def recovery_codes(self) -> RecoveryCodeRepository: ...

    @property
    def login_activity(self) -> LoginActivityRepository: ...

    @property
    def branches(self) -> BranchRepository: ...

    @property
    def features(self) -> FeatureRepository: ...

    @property
    def security_settings(self) -> SecuritySettingsRepository: ...

    @property
    def role_policies(self) -> RolePolicyRepository: ...

    @property
    def api_keys(self) -> ApiKeyRepository: ...

    async def flush(self) -> None: ...
