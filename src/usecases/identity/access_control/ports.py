"""What access control needs from the outside world: the per-user access snapshot, security
settings and role policies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.identity.security_settings import SecuritySettings
from domain.identity.user import UserStatus
from domain.shared.ids import UserId


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


class SecuritySettingsRepository(Protocol):
    async def get(self, user_id: UserId, *, for_update: bool = False) -> SecuritySettings:
        """The user's settings (defaults when none were saved)."""
        ...

    async def put(self, settings: SecuritySettings) -> None: ...


class RolePolicyRepository(Protocol):
    async def two_factor_roles(self) -> frozenset[str]: ...

    async def set_two_factor(self, role: str, required: bool, *, now: datetime) -> None: ...
