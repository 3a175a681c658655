"""One-time codes port: a context that must prove someone controls an email address or a
mobile number (KYC's business contact) asks for a code and checks it, without reaching into
identity, which implements it over its own one-time-code store (cooldown, daily cap, keyed
digests, attempt limit). The caller delivers the code through its own notifier."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class CodeCheck(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    BLOCKED = "blocked"
    USED = "used"
    MISSING = "missing"  # no code was issued for this destination and subject


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str  # to be sent, then forgotten
    ttl_seconds: int

    def __repr__(self) -> str:
        return f"IssuedCode(ttl_seconds={self.ttl_seconds})"


@dataclass(frozen=True, slots=True)
class CodeOutcome:
    check: CodeCheck
    attempts_left: int


class CodeThrottled(Exception):
    """Too soon after the last code, or too many today."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry after {retry_after_seconds} s")
        self.retry_after_seconds = retry_after_seconds


class OneTimeCodeService(Protocol):
    async def issue(self, *, destination: str, subject: str) -> IssuedCode:
        """A new code bound to ``destination`` and ``subject``; raises ``CodeThrottled``."""
        ...

    async def check(self, *, destination: str, subject: str, code: str) -> CodeOutcome:
        """Judges ``code`` (a wrong one counts an attempt, an accepted one is used up)."""
        ...
