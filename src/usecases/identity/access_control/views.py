"""What the access-control use cases return (roles, permissions, security settings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.access import PermissionSource, RoleDefinition, RoleGrant
from domain.identity.security_settings import SecuritySettings


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
