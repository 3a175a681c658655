"""What the administration use cases return (users, branches, features)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.identity.access import RoleGrant
from domain.identity.branch import Branch
from domain.identity.feature import Feature
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
