"""Account lockout: too many failed logins within a window lock the account for a while."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True, kw_only=True)
class LockoutPolicy:
    threshold: int = 5
    window: timedelta = timedelta(minutes=30)
    duration: timedelta = timedelta(minutes=30)
