"""Second-factor port: a use case of another context (a large or risky withdrawal) asks for the
user's authenticator code (or a recovery code) before going ahead. Identity implements it; a
good code is used up (the same time step never passes twice)."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from domain.shared.errors import PermissionDenied
from domain.shared.ids import UserId


class SecondFactorCheck(StrEnum):
    PASSED = "passed"
    WRONG = "wrong"
    NOT_ENROLLED = "not_enrolled"  # the user has no authenticator turned on


class StepUpRequired(PermissionDenied):
    code = "step_up_required"
    title = "A second factor is required"


class StepUpFailed(PermissionDenied):
    code = "step_up_failed"
    title = "The second-factor code is not valid"


class TwoFactorNotEnabled(PermissionDenied):
    code = "two_factor_not_enabled"
    title = "Turn on two-factor authentication first"


class TwoFactorRequired(PermissionDenied):
    """A step-up is needed and the user has no authenticator: no code could pass, so say at
    once that two-factor must be turned on (rather than asking for a code)."""

    code = "two_factor_required"
    title = "Two-factor authentication must be enabled"


class SecondFactorVerifier(Protocol):
    async def enrolled(self, user_id: UserId) -> bool:
        """Whether the user has an authenticator turned on."""
        ...

    async def verify(self, user_id: UserId, code: str, *, purpose: str) -> SecondFactorCheck:
        """Check and use up ``code`` (``purpose``, e.g. ``withdrawal``, goes to the audit)."""
        ...
