"""What the access-control use cases return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.identity.access import PermissionSource, RoleDefinition, RoleGrant
from domain.identity.api_key import ApiKey, ApiKeyId
from domain.identity.branch import Branch
from domain.identity.feature import Feature
from domain.identity.security_settings import SecuritySettings
from domain.identity.user import User
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class UserAdminView:
    id: UserId
    code: str
    email: str
    phone: str
    full_name: str
    country: str | None
    status: str
    blocked_reason: str | None
    roles: tuple[RoleGrant, ...]
    platforms: tuple[str, ...]
    branch_code: str | None
    kyc_level: int
    created_at: datetime
    updated_at: datetime
    features: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, user: User, *, branch_code: str | None, features: tuple[str, ...] = ()
    ) -> UserAdminView:
        return cls(
            id=user.id,
            code=user.code,
            email=user.email,
            phone=user.phone,
            full_name=user.profile.full_name,
            country=user.profile.country,
            status=user.status.value,
            blocked_reason=user.blocked_reason,
            roles=tuple(user.grants),
            platforms=tuple(sorted(user.platforms)),
            branch_code=branch_code,
            kyc_level=user.kyc_level,
            created_at=user.created_at,
            updated_at=user.updated_at,
            features=features,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class UserPageView:
    items: tuple[UserAdminView, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PermissionsView:
    user_code: str
    roles: tuple[RoleGrant, ...]
    permissions: tuple[PermissionSource, ...]
    two_factor_required: bool
    two_factor_enabled: bool

    @property
    def suspended(self) -> bool:
        """Granted permissions are held back until the required two-factor is on."""
        return self.two_factor_required and not self.two_factor_enabled


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleView:
    definition: RoleDefinition
    require_two_factor: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BranchView:
    id: UUID
    code: str
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, branch: Branch) -> BranchView:
        return cls(
            id=branch.id,
            code=branch.code,
            name=branch.name,
            description=branch.description,
            created_at=branch.created_at,
            updated_at=branch.updated_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class BranchPageView:
    items: tuple[BranchView, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureView:
    id: UUID
    code: str
    key: str
    name: str
    description: str | None
    enabled: bool
    requires_grant: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, feature: Feature) -> FeatureView:
        return cls(
            id=feature.id,
            code=feature.code,
            key=feature.key,
            name=feature.name,
            description=feature.description,
            enabled=feature.enabled,
            requires_grant=feature.requires_grant,
            created_at=feature.created_at,
            updated_at=feature.updated_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SecuritySettingsView:
    user_code: str
    require_two_factor: bool
    two_factor_required_by_roles: tuple[str, ...]
    two_factor_enabled: bool
    ip_allowlist: tuple[str, ...]
    session_idle_timeout_seconds: int | None
    updated_at: datetime | None

    @classmethod
    def of(
        cls,
        settings: SecuritySettings,
        *,
        user_code: str,
        by_roles: tuple[str, ...],
        two_factor_enabled: bool,
    ) -> SecuritySettingsView:
        return cls(
            user_code=user_code,
            require_two_factor=settings.require_two_factor,
            two_factor_required_by_roles=by_roles,
            two_factor_enabled=two_factor_enabled,
            ip_allowlist=settings.ip_allowlist,
            session_idle_timeout_seconds=settings.session_idle_timeout_seconds,
            updated_at=settings.updated_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiKeyView:
    id: ApiKeyId
    owner_code: str | None
    name: str
    prefix: str
    scopes: tuple[str, ...]
    rate_limit_per_minute: int
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
            scopes=tuple(sorted(key.scopes)),
            rate_limit_per_minute=key.rate_limit_per_minute,
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
