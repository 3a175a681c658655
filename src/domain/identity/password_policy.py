"""What makes a password acceptable: a length range and a strength estimate, never composition
rules. Passwords are taken exactly as typed: no trimming, no normalisation, no truncation."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import WeakPassword


@dataclass(frozen=True, slots=True, kw_only=True)
class PasswordPolicy:
    min_length: int = 12
    max_length: int = 128
    min_score: int = 3  # strength estimator score, 0 (guessable) .. 4 (very unguessable)

    def check_length(self, password: str, *, field: str) -> None:
        if len(password) < self.min_length:
            raise WeakPassword(
                field, f"use at least {self.min_length} characters", reason="password_too_short"
            )
        if len(password) > self.max_length:
            raise WeakPassword(
                field, f"use at most {self.max_length} characters", reason="password_too_long"
            )
