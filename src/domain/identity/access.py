"""Roles and permissions: the catalog of built-in roles, role grants (optionally scoped, e.g.
``company_admin@issuer:42``) and the effective permissions a set of grants gives.

The catalog lives in code, not in tables: a grant names a role, and what a role may do ships
with the release that needs it. What operators change at run time is who holds which role
(``users.roles``) and which roles must use two-factor (``role_policies``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from domain.shared.errors import FieldError, ValidationFailed

# Permissions: "<area>:<action>". A scoped grant gives "<permission>@<scope>".
USERS_READ: Final = "users:read"
USERS_UPDATE: Final = "users:update"
USERS_BLOCK: Final = "users:block"
USERS_ACCESS: Final = "users:access"  # platform and feature access
USERS_SECURITY: Final = "users:security"  # another user's security settings
ROLES_READ: Final = "roles:read"
ROLES_ASSIGN: Final = "roles:assign"
ROLES_ASSIGN_ADMIN: Final = "roles:assign_admin"  # grant or remove admin and super_admin
ROLES_MANAGE: Final = "roles:manage"  # role policies (two-factor per role)
BRANCHES_READ: Final = "branches:read"
BRANCHES_MANAGE: Final = "branches:manage"
FEATURES_READ: Final = "features:read"
FEATURES_MANAGE: Final = "features:manage"
API_KEYS_MANAGE: Final = "api_keys:manage"  # every user's API keys
AUDIT_READ: Final = "audit:read"
REPORTS_READ: Final = "reports:read"
KYC_REVIEW: Final = "kyc:review"
LEDGER_READ: Final = "ledger:read"  # the journal and every account
LEDGER_ADJUST: Final = "ledger:adjust"  # manual adjustments and reversals
BANKING_OPERATE: Final = "banking:operate"  # rail instructions; fail stuck transfers
CAPTABLE_MANAGE: Final = "captable:manage"  # create issuers; every issuer's cap table
TRADING_MANAGE: Final = "trading:manage"  # list, halt and resume instruments

PERMISSIONS: Final[Mapping[str, str]] = {
    USERS_READ: "Find and read any user",
    USERS_UPDATE: "Change any user's details and branch",
    USERS_BLOCK: "Block and unblock accounts",
    USERS_ACCESS: "Grant and revoke platform and feature access",
    USERS_SECURITY: "Read and change any user's security settings",
    ROLES_READ: "Read the role catalog",
    ROLES_ASSIGN: "Assign and remove roles other than admin and super_admin",
    ROLES_ASSIGN_ADMIN: "Assign and remove the admin and super_admin roles",
    ROLES_MANAGE: "Change role policies (two-factor per role)",
    BRANCHES_READ: "List and read branches",
    BRANCHES_MANAGE: "Create, change and remove branches",
    FEATURES_READ: "List features",
    FEATURES_MANAGE: "Create and change features",
    API_KEYS_MANAGE: "Manage every user's API keys",
    AUDIT_READ: "Read the audit trail",
    REPORTS_READ: "Read reports",
    KYC_REVIEW: "Review KYC submissions",
    LEDGER_READ: "Read the journal and every ledger account",
    LEDGER_ADJUST: "Post manual ledger adjustments and reverse entries",
    BANKING_OPERATE: "See and retry bank rail instructions, fail stuck deposits and withdrawals",
    "marketplace:browse": "Browse the marketplace",
    "trading:trade": "Place orders on the exchange",
    "portfolio:read": "Read one's investments",
    CAPTABLE_MANAGE: "Create issuers and administer every issuer's cap table",
    TRADING_MANAGE: "List, halt and resume the exchange's instruments",
    "captable:read": "Read an issuer's cap table",
    "captable:issue": "Issue shares of an issuer",
    "captable:transfer": "Approve transfers of an issuer's shares",
    "ipo:manage": "Run an issuer's offerings",
    "governance:propose": "Put proposals to an issuer's shareholders",
    "governance:vote": "Vote as a shareholder",
}

SUPER_ADMIN: Final = "super_admin"
ADMIN: Final = "admin"
USER: Final = "user"
ADMIN_ROLES: Final = frozenset({SUPER_ADMIN, ADMIN})
# Platform admin roles always require two-factor: whatever role_policies says, their holders'
# permissions are held back until they turn an authenticator on.
TWO_FACTOR_ROLES: Final = ADMIN_ROLES


class TwoFactorRoleRequired(ValidationFailed):
    code = "two_factor_always_required"
    title = "Platform admin roles always require two-factor"

    def __init__(self, role: str) -> None:
        field, message = "require_two_factor", f"{role} always requires two-factor"
        super().__init__(
            f"{field}: {message}", errors=[FieldError(field=field, message=message, code=self.code)]
        )


@dataclass(frozen=True, slots=True)
class RoleDefinition:
    name: str
    description: str
    permissions: frozenset[str]
    scope_kind: str | None = None  # "issuer": every grant names one issuer

    @property
    def assign_permission(self) -> str:
        return ROLES_ASSIGN_ADMIN if self.name in ADMIN_ROLES else ROLES_ASSIGN


_ADMIN_PERMISSIONS = frozenset(
    {
        USERS_READ,
        USERS_UPDATE,
        USERS_BLOCK,
        USERS_ACCESS,
        USERS_SECURITY,
        ROLES_READ,
        ROLES_ASSIGN,
        BRANCHES_READ,
        BRANCHES_MANAGE,
        FEATURES_READ,
        FEATURES_MANAGE,
        API_KEYS_MANAGE,
        AUDIT_READ,
        REPORTS_READ,
        KYC_REVIEW,
        LEDGER_READ,
        BANKING_OPERATE,
        CAPTABLE_MANAGE,
        TRADING_MANAGE,
    }
)

CATALOG: Final[Mapping[str, RoleDefinition]] = {
    r.name: r
    for r in (
        RoleDefinition(SUPER_ADMIN, "Runs the platform: every permission", frozenset(PERMISSIONS)),
        RoleDefinition(ADMIN, "Operates users, branches, features and keys", _ADMIN_PERMISSIONS),
        RoleDefinition(USER, "Every registered person: their own account only", frozenset()),
        RoleDefinition(
            "investor",
            "Invests and trades",
            frozenset({"marketplace:browse", "trading:trade", "portfolio:read"}),
        ),
        RoleDefinition(
            "company_admin",
            "Administers one issuer",
            frozenset(
                {
                    "captable:read",
                    "captable:issue",
                    "captable:transfer",
                    "ipo:manage",
                    "governance:propose",
                }
            ),
            scope_kind="issuer",
        ),
        RoleDefinition(
            "shareholder",
            "Holds shares of one issuer",
            frozenset({"captable:read", "governance:vote"}),
            scope_kind="issuer",
        ),
        RoleDefinition(
            "sponsor",
            "Sponsors one issuer's offerings",
            frozenset({"captable:read", "ipo:manage"}),
            scope_kind="issuer",
        ),
    )
}

_SCOPE = re.compile(r"^(?P<kind>[a-z_]{1,32}):(?P<id>[A-Za-z0-9_-]{1,64})$")


class UnknownRole(ValidationFailed):
    code = "unknown_role"
    title = "No such role"

    def __init__(self, role: str, field: str = "role") -> None:
        message = f"no role is named {role!r}: one of {', '.join(sorted(CATALOG))}"
        super().__init__(
            f"{field}: {message}", errors=[FieldError(field=field, message=message, code=self.code)]
        )


class InvalidScope(ValidationFailed):
    code = "invalid_scope"
    title = "Role scope not valid"

    def __init__(self, message: str, field: str = "scope") -> None:
        super().__init__(
            f"{field}: {message}", errors=[FieldError(field=field, message=message, code=self.code)]
        )


@dataclass(frozen=True, slots=True, order=True)
class RoleGrant:
    """One role held by a user, global (``scope=None``) or over one resource."""

    role: str
    scope: str | None = None

    @classmethod
    def of(cls, role: str, scope: str | None = None) -> RoleGrant:
        """A grant of a catalog role, with the scope it needs (or none), else a 422."""
        definition = CATALOG.get(role)
        if definition is None:
            raise UnknownRole(role)
        if definition.scope_kind is None:
            if scope:
                raise InvalidScope(f"the {role} role is global: it takes no scope")
            return cls(role)
        match = _SCOPE.match(scope or "")
        if match is None or match["kind"] != definition.scope_kind:
            raise InvalidScope(
                f"the {role} role needs a scope such as '{definition.scope_kind}:<id>'"
            )
        return cls(role, scope)

    @classmethod
    def parse(cls, stored: str) -> RoleGrant:
        """``admin`` or ``company_admin@issuer:42`` as stored in ``users.roles``."""
        role, _, scope = stored.partition("@")
        return cls(role, scope or None)

    def __str__(self) -> str:
        return self.role if self.scope is None else f"{self.role}@{self.scope}"

    @property
    def definition(self) -> RoleDefinition | None:
        return CATALOG.get(self.role)


@dataclass(frozen=True, slots=True)
class PermissionSource:
    permission: str
    scope: str | None
    granted_by: tuple[RoleGrant, ...]

    @property
    def key(self) -> str:
        return self.permission if self.scope is None else f"{self.permission}@{self.scope}"


def grants_of(stored: Iterable[str]) -> list[RoleGrant]:
    return sorted(RoleGrant.parse(s) for s in stored)


def effective_permissions(grants: Iterable[RoleGrant]) -> list[PermissionSource]:
    """Every permission the grants give, each with the grants it comes from. A scoped grant
    gives its permissions over its scope only. Roles unknown to the catalog give nothing."""
    sources: dict[tuple[str, str | None], list[RoleGrant]] = {}
    for grant in sorted(set(grants)):
        definition = grant.definition
        if definition is None:
            continue
        for permission in definition.permissions:
            sources.setdefault((permission, grant.scope), []).append(grant)
    return [
        PermissionSource(permission, scope, tuple(by))
        for (permission, scope), by in sorted(
            sources.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    ]


def permission_keys(grants: Iterable[RoleGrant]) -> frozenset[str]:
    """What ``Actor.permissions`` holds: ``users:read``, ``captable:issue@issuer:42``."""
    return frozenset(source.key for source in effective_permissions(grants))
