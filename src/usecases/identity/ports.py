"""What every area of identity needs from the outside world, as Protocols: the unit of work
(with the user and one-time-code stores), the keyed digest, contact validation, the security
log. The ports of one area alone are in its own ``ports.py`` (``authentication/ports.py``, ...).

Cryptography (password hashing, JWT, TOTP), QR rendering, contact validation and user-agent
parsing are implemented in ``infrastructure/identity``; repositories in
``adapters/persistence/identity``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.identity.contact import ContactChannel
from domain.identity.otp import OneTimeCode, OtpPurpose
from domain.identity.security_event import SecurityEvent
from domain.identity.user import User
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.ports import (
    RolePolicyRepository,
    SecuritySettingsRepository,
    UserAccess,
)
from usecases.identity.administration.ports import (
    BranchRepository,
    FeatureRepository,
    UserQuery,
)
from usecases.identity.api_keys.ports import ApiKeyRepository
from usecases.identity.authentication.ports import (
    DeviceRepository,
    LoginActivityRepository,
    LoginSubject,
    RefreshTokenRepository,
    SessionRepository,
)
from usecases.identity.registration.ports import RegistrationRepository
from usecases.identity.two_factor.ports import RecoveryCodeRepository, TotpRepository
from usecases.shared.ports.unit_of_work import UnitOfWork

# --- cryptography and parsing ---------------------------------------------------------------


class SecretDigest(Protocol):
    """Keyed digest (HMAC) of high-entropy secrets and of codes bound to their context."""

    def digest(self, value: str, *, purpose: str) -> str: ...

    def matches(self, value: str, digest: str, *, purpose: str) -> bool:
        """Constant-time comparison."""
        ...


class ContactNormalizer(Protocol):
    """Validate and normalise contact points, raising ``ValidationFailed`` naming ``field``."""

    def email(self, raw: str, *, field: str) -> str: ...

    def phone(self, raw: str, *, field: str) -> str:
        """E.164 (``+919876543210``)."""
        ...


class SecurityLog(Protocol):
    """The structured security log (one JSON line per event, no secrets)."""

    def emit(self, event: SecurityEvent) -> None: ...


# --- repositories ---------------------------------------------------------------------------


class UserRepository(Protocol):
    async def add(self, user: User) -> None: ...

    async def get(self, user_id: UserId) -> User | None: ...

    async def get_for_update(self, user_id: UserId) -> User | None: ...

    async def by_email(self, email: str) -> User | None: ...

    async def by_phone(self, phone: str) -> User | None: ...

    async def access(self, user_id: UserId) -> UserAccess | None: ...

    async def for_login(
        self, channel: ContactChannel, value: str, *, device_key: str, since: datetime
    ) -> LoginSubject | None:
        """The account with this email (or mobile number) and what its login needs, in one
        read: see ``LoginSubject`` (failures in its history counted from ``since``)."""
        ...

    async def save(self, user: User) -> None: ...

    async def by_code(self, code: str) -> User | None: ...

    async def by_code_for_update(self, code: str) -> User | None: ...

    async def lock_super_admins(self) -> list[User]: ...

    async def count_in_branch(self, branch_id: UUID) -> int: ...

    async def search(self, query: UserQuery, page: PageRequest) -> Page[User]:
        """In the query's order, the id breaking ties; keyset-paged."""
        ...

    async def by_ids(self, ids: Sequence[UserId]) -> list[User]: ...

    async def set_risk_score(self, user_id: UserId, score: int) -> None:
        """Keep the score of the user's latest scored login."""
        ...


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
