"""Checking a new password against the policy: length, then the strength estimator and the
common-password list. Composition rules are deliberately absent."""

from __future__ import annotations

from collections.abc import Sequence

from domain.identity.errors import WeakPassword
from domain.identity.password_policy import PasswordPolicy
from usecases.identity.passwords.ports import PasswordStrength


class PasswordRules:
    def __init__(self, policy: PasswordPolicy, strength: PasswordStrength) -> None:
        self._policy = policy
        self._strength = strength

    async def ensure_acceptable(
        self, password: str, *, field: str, hints: Sequence[str] = ()
    ) -> None:
        self._policy.check_length(password, field=field)
        verdict = await self._strength.assess(password, hints=hints)
        if verdict.common:
            raise WeakPassword(
                field, "this password is on a list of common passwords", reason="common_password"
            )
        if verdict.score < self._policy.min_score:
            advice = " ".join(filter(None, (verdict.warning, *verdict.suggestions)))
            message = "too easy to guess" + (f": {advice}" if advice else "")
            raise WeakPassword(field, message, reason="weak_password")
