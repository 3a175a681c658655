"""The user: contact points, credentials, profile, and the state that guards the account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.identity.access import SUPER_ADMIN, RoleGrant
from domain.identity.errors import RoleNotHeld, UnknownPlatform
from domain.identity.human_code import USER_PREFIX, new_code
from domain.identity.lockout import LockoutPolicy
from domain.identity.profile import Profile
from domain.shared.ids import UserId

DEFAULT_ROLES = frozenset({"user"})


class Platform(StrEnum):
    WEB = "web"
    MOBILE = "mobile"
    API = "api"

    @classmethod
    def parse(cls, raw: str) -> Platform:
        try:
            return cls(raw)
        except ValueError:
            raise UnknownPlatform(raw) from None


DEFAULT_PLATFORMS = frozenset({Platform.WEB.value, Platform.MOBILE.value})


class UserStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"


@dataclass(slots=True, kw_only=True)
class User:
    id: UserId
    email: str
    phone: str  # E.164
    password_hash: str
    profile: Profile
    created_at: datetime
    updated_at: datetime
    password_changed_at: datetime
    roles: frozenset[str] = DEFAULT_ROLES
    status: UserStatus = UserStatus.ACTIVE
    tokens_valid_after: datetime | None = None
    failed_logins: int = 0
    failed_window_started_at: datetime | None = None
    locked_until: datetime | None = None
    code: str = field(default_factory=lambda: new_code(USER_PREFIX))
    branch_id: UUID | None = None
    kyc_level: int = 0
    platforms: frozenset[str] = DEFAULT_PLATFORMS
    blocked_reason: str | None = None

    @property
    def grants(self) -> list[RoleGrant]:
        return sorted(RoleGrant.parse(r) for r in self.roles)

    @property
    def is_super_admin(self) -> bool:
        return SUPER_ADMIN in self.roles

    def assign_role(self, grant: RoleGrant, now: datetime) -> bool:
        """True when the user did not hold it yet."""
        if str(grant) in self.roles:
            return False
        self.roles = self.roles | {str(grant)}
        self._touch(now)
        return True

    def remove_role(self, grant: RoleGrant, now: datetime) -> None:
        if str(grant) not in self.roles:
            raise RoleNotHeld(str(grant))
        self.roles = self.roles - {str(grant)}
        self._touch(now)

    def has_platform(self, platform: Platform) -> bool:
        return platform.value in self.platforms

    def set_platform(self, platform: Platform, *, granted: bool, now: datetime) -> bool:
        """True when access changed."""
        if granted == self.has_platform(platform):
            return False
        changed = (
            self.platforms | {platform.value} if granted else self.platforms - {platform.value}
        )
        self.platforms = frozenset(changed)
        self._touch(now)
        return True

    @property
    def is_blocked(self) -> bool:
        return self.status is UserStatus.BLOCKED

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def may_log_in(self, now: datetime) -> bool:
        return not self.is_blocked and not self.is_locked(now)

    def record_failed_login(self, now: datetime, policy: LockoutPolicy) -> bool:
        """Count a failure; True when this failure locks the account."""
        if self.is_locked(now):
            return False
        window_open = (
            self.failed_window_started_at is not None
            and now - self.failed_window_started_at < policy.window
        )
        if not window_open:
            self.failed_window_started_at = now
            self.failed_logins = 0
        self.failed_logins += 1
        self._touch(now)
        if self.failed_logins >= policy.threshold:
            self.locked_until = now + policy.duration
            self.failed_logins = 0
            self.failed_window_started_at = None
            return True
        return False

    @property
    def has_failures(self) -> bool:
        return bool(self.failed_logins or self.failed_window_started_at or self.locked_until)

    def record_successful_login(self, now: datetime) -> None:
        """Forget earlier failures."""
        if self.has_failures:
            self._clear_failures()
            self._touch(now)

    def rehash_password(self, new_hash: str, now: datetime) -> None:
        """The same password under stronger parameters (not a password change)."""
        self.password_hash = new_hash
        self._touch(now)

    def change_password(self, new_hash: str, now: datetime) -> None:
        """A new password: unlocks the account and ends every session."""
        self.password_hash = new_hash
        self.password_changed_at = now
        self._clear_failures()
        self.end_all_sessions(now)

    def end_all_sessions(self, now: datetime) -> None:
        self.tokens_valid_after = now
        self._touch(now)

    def block(self, now: datetime, reason: str | None = None) -> None:
        self.status = UserStatus.BLOCKED
        self.blocked_reason = reason
        self.end_all_sessions(now)

    def unblock(self, now: datetime) -> bool:
        """True when the account was blocked. Sessions stay ended: the owner logs in again."""
        if not self.is_blocked:
            return False
        self.status = UserStatus.ACTIVE
        self.blocked_reason = None
        self._touch(now)
        return True

    def update_profile(self, profile: Profile, now: datetime) -> None:
        self.profile = profile
        self._touch(now)

    def _clear_failures(self) -> None:
        self.failed_logins = 0
        self.failed_window_started_at = None
        self.locked_until = None

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
