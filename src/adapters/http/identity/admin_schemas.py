"""Schemas of user administration, roles and permissions, branches, features, security
settings and API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from adapters.http.identity.fields import FullName
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDateTime
from domain.identity.access import RoleGrant
from usecases.identity.admin_views import (
    RoleView,
    UserAdminView,
    UserPageView,
)

UserCode = Annotated[
    str, Field(min_length=1, max_length=20, description="e.g. USR-7K2M9Q", examples=["USR-7K2M9Q"])
]
BranchCode = Annotated[str, Field(min_length=1, max_length=20, examples=["BRN-4D8F2A"])]
FeatureCode = Annotated[str, Field(min_length=1, max_length=20, examples=["FTR-9XK2MB"])]
RoleName = Annotated[str, Field(min_length=1, max_length=64, examples=["admin"])]
Scope = Annotated[
    str | None,
    Field(default=None, max_length=100, description="For scoped roles: `issuer:<id>`."),
]
Text = Annotated[str, Field(min_length=1, max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=120)]


class RoleGrantRead(ReadModel):
    role: str
    scope: str | None = None


_USER_EXAMPLE: JsonDict = {
    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
    "code": "USR-7K2M9Q",
    "email": "priya@example.com",
    "mobile": "+919876543210",
    "full_name": "Priya Sharma",
    "country": "IN",
    "status": "active",
    "blocked_reason": None,
    "roles": [{"role": "user", "scope": None}],
    "platforms": ["mobile", "web"],
    "features": [],
    "branch_code": "BRN-4D8F2A",
    "kyc_level": 0,
    "created_at": "2026-11-22T10:00:00Z",
    "updated_at": "2026-11-22T10:00:00Z",
}


class UserAdminRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_USER_EXAMPLE]})

    id: UUID
    code: str
    email: str
    mobile: str
    full_name: str
    country: str | None
    status: Literal["active", "blocked"]
    blocked_reason: str | None
    roles: list[RoleGrantRead]
    platforms: list[str]
    features: list[str] = Field(description="Keys of the features granted to this user.")
    branch_code: str | None
    kyc_level: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: UserAdminView) -> UserAdminRead:
        status = "blocked" if view.status == "blocked" else "active"
        return cls.taking(view, mobile=view.phone, status=status)


class UserPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [_USER_EXAMPLE], "total": 1, "limit": 50, "offset": 0}]
        }
    )

    items: list[UserAdminRead]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: UserPageView) -> UserPage:
        return cls.taking(page, items=[UserAdminRead.of(v) for v in page.items])


class UserAdminUpdate(BaseModel):
    """Send only what changes; `null` clears `country` or `branch_code`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"full_name": "Priya S. Sharma", "branch_code": None}]},
    )

    full_name: FullName | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    branch_code: BranchCode | None = None


class RoleAssignmentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"role": "admin"}, {"role": "company_admin", "scope": "issuer:42"}]
        },
    )

    role: RoleName
    scope: Scope = None


class RoleList(ReadModel):
    """The roles a user holds after the change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"roles": [{"role": "admin", "scope": None}]}]}
    )

    roles: list[RoleGrantRead]

    @classmethod
    def of(cls, grants: tuple[RoleGrant, ...]) -> RoleList:
        return cls(roles=list(grants))


class PermissionRead(ReadModel):
    permission: str
    scope: str | None
    granted_by: list[RoleGrantRead] = Field(description="The roles this permission comes from.")


class PermissionsRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "roles": [{"role": "admin", "scope": None}],
                    "permissions": [
                        {
                            "permission": "users:read",
                            "scope": None,
                            "granted_by": [{"role": "admin", "scope": None}],
                        }
                    ],
                    "two_factor_required": True,
                    "two_factor_enabled": False,
                    "suspended": True,
                }
            ]
        }
    )

    user_code: str
    roles: list[RoleGrantRead]
    permissions: list[PermissionRead]
    two_factor_required: bool
    two_factor_enabled: bool
    suspended: bool = Field(
        description="True while two-factor is required but off: the permissions are held back."
    )


class PlatformList(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"platforms": ["api", "web"]}]})

    platforms: list[str]


class FeatureAccessList(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"features": ["trading"]}]})

    features: list[str]


class BlockCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "Chargeback fraud, case 118"}]}
    )

    reason: Text


class RoleRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "company_admin",
                    "description": "Administers one issuer",
                    "scope_kind": "issuer",
                    "permissions": ["captable:issue", "captable:read"],
                    "require_two_factor": True,
                }
            ]
        }
    )

    name: str
    description: str
    scope_kind: str | None
    permissions: list[str]
    require_two_factor: bool

    @classmethod
    def of(cls, view: RoleView) -> RoleRead:
        d = view.definition
        return cls.taking(
            d, permissions=sorted(d.permissions), require_two_factor=view.require_two_factor
        )


class RoleCatalog(BaseModel):  # built from schemas, never by name
    items: list[RoleRead]


class RoleUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"require_two_factor": True}]}
    )

    require_two_factor: bool


class BranchRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "code": "BRN-4D8F2A",
                    "name": "Mumbai",
                    "description": "Nariman Point office",
                    "created_at": "2026-11-22T10:00:00Z",
                    "updated_at": "2026-11-22T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    code: str
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime


class BranchPage(ReadModel):
    items: list[BranchRead]
    total: int
    limit: int
    offset: int


class BranchCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Mumbai", "description": "Nariman Point"}]},
    )

    name: Name
    description: Text | None = None


class BranchUpdate(BaseModel):
    """Send only what changes; `null` clears `description`."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "Pune"}]})

    name: Name | None = None
    description: Text | None = None


class FeatureRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "code": "FTR-9XK2MB",
                    "key": "trading",
                    "name": "Exchange trading",
                    "description": None,
                    "enabled": True,
                    "requires_grant": False,
                    "created_at": "2026-11-22T10:00:00Z",
                    "updated_at": "2026-11-22T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    code: str
    key: str
    name: str
    description: str | None
    enabled: bool
    requires_grant: bool
    created_at: datetime
    updated_at: datetime


class FeatureList(ReadModel):
    items: list[FeatureRead]


class FeatureCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"key": "trading", "name": "Exchange trading"}]},
    )

    key: Annotated[str, Field(min_length=2, max_length=48, pattern=r"^[a-z][a-z0-9_]+$")]
    name: Name
    description: Text | None = None
    enabled: bool = True
    requires_grant: bool = False


class FeatureUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": False}]})

    name: Name | None = None
    description: Text | None = None
    enabled: bool | None = None
    requires_grant: bool | None = None


class SecuritySettingsRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "require_two_factor": True,
                    "two_factor_required_by_roles": ["admin"],
                    "two_factor_enabled": True,
                    "ip_allowlist": ["203.0.113.0/24"],
                    "session_idle_timeout_seconds": 1800,
                    "updated_at": "2026-11-22T10:00:00Z",
                }
            ]
        }
    )

    user_code: str
    require_two_factor: bool
    two_factor_required_by_roles: list[str]
    two_factor_enabled: bool
    ip_allowlist: list[str]
    session_idle_timeout_seconds: int | None
    updated_at: datetime | None


class SecuritySettingsUpdate(BaseModel):
    """Send only what changes; an empty `ip_allowlist` allows every address, a `null`
    `session_idle_timeout_seconds` removes the timeout."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "require_two_factor": True,
                    "ip_allowlist": ["203.0.113.0/24", "2001:db8::/32"],
                    "session_idle_timeout_seconds": 1800,
                }
            ]
        },
    )

    require_two_factor: bool | None = None
    ip_allowlist: list[Annotated[str, Field(max_length=50)]] | None = Field(
        default=None, max_length=50, description="CIDR networks; a bare address is one host."
    )
    session_idle_timeout_seconds: int | None = Field(default=None, ge=60, le=2_592_000)


_API_KEY_EXAMPLE: JsonDict = {
    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
    "owner_code": "USR-7K2M9Q",
    "name": "Reporting bot",
    "prefix": "k3m9x2p7qa",
    "scopes": ["status:read"],
    "rate_limit_per_minute": 60,
    "created_at": "2026-11-22T10:00:00Z",
    "expires_at": None,
    "revoked_at": None,
    "rotated_at": None,
    "last_used_at": "2026-11-22T11:00:00Z",
    "last_used_ip": "203.0.113.7",
    "active": True,
}


class ApiKeyRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_API_KEY_EXAMPLE]})

    id: UUID
    owner_code: str | None
    name: str
    prefix: str = Field(description="Public part of the key (`mk_<prefix>_...`).")
    scopes: list[str]
    rate_limit_per_minute: int
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    rotated_at: datetime | None
    last_used_at: datetime | None
    last_used_ip: str | None
    active: bool


class ApiKeyList(ReadModel):
    items: list[ApiKeyRead]


class ApiKeySecretRead(ReadModel):
    """The key with its secret: shown this once, never again."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "key": _API_KEY_EXAMPLE,
                    "secret": "mk_k3m9x2p7qa_2Yd0q7m0Vv3c0bZ8l3o6oX1pWcB0Jg5mC4v8h2kQ9sE",
                }
            ]
        }
    )

    key: ApiKeyRead
    secret: str


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "Reporting bot", "scopes": ["status:read"], "rate_limit_per_minute": 60}
            ]
        },
    )

    name: Annotated[str, Field(min_length=1, max_length=100)]
    scopes: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=20)
    expires_at: IsoDateTime | None = None
    rate_limit_per_minute: int = Field(default=60, ge=1, le=6000)


class ApiKeyRotate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"grace_seconds": 86400}]}
    )

    grace_seconds: int = Field(
        default=86_400, ge=0, le=604_800, description="How long the old key keeps working."
    )


class PartnerStatusRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "server_time": "2026-11-22T10:00:00Z",
                    "key_prefix": "k3m9x2p7qa",
                    "key_name": "Reporting bot",
                    "scopes": ["status:read"],
                    "expires_at": None,
                }
            ]
        }
    )

    status: str
    server_time: datetime
    key_prefix: str | None
    key_name: str | None
    scopes: list[str]
    expires_at: datetime | None
