"""Security events: every login and every change to how an account is protected, written to the
structured security log and to the login activity store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.identity.device import DeviceInfo
from domain.identity.risk import RiskAssessment
from domain.shared.ids import UserId, new_uuid


class SecurityEventKind(StrEnum):
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOGIN_CHALLENGED = "login_challenged"
    TWO_FACTOR_FAILED = "two_factor_failed"
    ACCOUNT_LOCKED = "account_locked"
    NEW_DEVICE = "new_device"
    REFRESH_REUSED = "refresh_reused"
    LOGOUT = "logout"
    LOGOUT_EVERYWHERE = "logout_everywhere"
    SESSION_REVOKED = "session_revoked"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105  (event names, not secrets)
    PASSWORD_RESET = "password_reset"  # noqa: S105
    TWO_FACTOR_ENABLED = "two_factor_enabled"
    TWO_FACTOR_DISABLED = "two_factor_disabled"
    RECOVERY_CODE_USED = "recovery_code_used"
    RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated"
    ACCOUNT_BLOCKED = "account_blocked"
    DEVICE_FORGOTTEN = "device_forgotten"
    ACCOUNT_UNBLOCKED = "account_unblocked"
    ACCOUNT_CREATED = "account_created"  # by an operator (create-admin)
    ACCESS_REFUSED = "access_refused"  # allowlist, platform: a login or token use refused


FAILURES = frozenset(
    {
        SecurityEventKind.LOGIN_FAILED,
        SecurityEventKind.TWO_FACTOR_FAILED,
        SecurityEventKind.ACCOUNT_LOCKED,
        SecurityEventKind.REFRESH_REUSED,
        SecurityEventKind.ACCESS_REFUSED,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityEvent:
    kind: SecurityEventKind
    occurred_at: datetime
    user_id: UserId | None = None
    reason: str | None = None  # why a login failed: unknown_account, wrong_password, locked...
    identifier: str | None = None  # what was typed to log in (normalised)
    device: DeviceInfo | None = None
    session_id: UUID | None = None
    request_id: str | None = None
    risk: RiskAssessment | None = None  # a login's risk score and the rules that fired
    id: UUID = field(default_factory=new_uuid)

    @property
    def succeeded(self) -> bool:
        return self.kind not in FAILURES
