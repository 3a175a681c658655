"""Rate-limit port: a moving window of hits per key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class RateLimit:
    hits: int
    per_seconds: int

    def __str__(self) -> str:
        return f"{self.hits}/{self.per_seconds}s"


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    remaining: int
    retry_after_seconds: int


class RateLimiter(Protocol):
    async def hit(self, limit: RateLimit, *identifiers: str) -> RateDecision: ...

    async def reset(self, limit: RateLimit, *identifiers: str) -> None: ...
