"""What the password use cases need from the outside world: hashing and the strength estimator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PasswordCheck:
    matches: bool
    upgraded_hash: str | None = None  # set when the stored hash should be replaced


class PasswordHasher(Protocol):
    """Slow, salted password hashing; the work runs off the event loop."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        """With ``stored_hash=None`` a dummy hash is checked, so an unknown account costs the
        same time as a known one; the answer is then always a mismatch."""
        ...


@dataclass(frozen=True, slots=True)
class StrengthVerdict:
    score: int  # 0..4
    common: bool  # found in a list of common passwords
    warning: str | None = None
    suggestions: tuple[str, ...] = ()


class PasswordStrength(Protocol):
    async def assess(self, password: str, *, hints: Sequence[str]) -> StrengthVerdict: ...
