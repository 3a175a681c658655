"""Schemas of roles and permissions, platform and feature grants, and security settings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.identity.access import RoleGrant
from usecases.identity.access_control.views import RoleView

RoleName = Annotated[str, Field(min_length=1, max_length=64, examples=["admin"])]
Scope = Annotated[
    str | None,
    Field(default=None, max_length=100, description="For scoped roles: `issuer:<id>`."),
]


class RoleGrantRead(ReadModel):
    role: str
    scope: str | None = None


class RoleAssignmentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"role": "admin"}, {"role": "company_admin", "scope": "issuer:42"}]
        },
    )

    role: RoleName
    scope: Scope = None


class UserRolesRead(ReadModel):
    """The roles a user holds after the change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"roles": [{"role": "admin", "scope": None}]}]}
    )

    roles: list[RoleGrantRead]

    @classmethod
    def of(cls, grants: tuple[RoleGrant, ...]) -> UserRolesRead:
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


class UserPlatformsRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"platforms": ["api", "web"]}]})

    platforms: list[str]


class UserFeaturesRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"features": ["trading"]}]})

    features: list[str]


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


class RolePage(BaseModel):  # built from schemas, never by name
    model_config = page_config(RoleRead)

    items: list[RoleRead]
    next_cursor: NextCursor


class RoleUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"require_two_factor": True}]}
    )

    require_two_factor: StrictBool


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

    require_two_factor: StrictBool | None = None
    ip_allowlist: list[Annotated[str, Field(max_length=50)]] | None = Field(
        default=None, max_length=50, description="CIDR networks; a bare address is one host."
    )
    session_idle_timeout_seconds: int | None = Field(default=None, ge=60, le=2_592_000)
