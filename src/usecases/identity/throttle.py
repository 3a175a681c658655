"""Rate limits on the auth actions, per client IP and per account, decided by the use case."""

from __future__ import annotations

import hashlib

from domain.shared.errors import RateLimited
from usecases.identity.config import RateLimits
from usecases.shared.ports.rate_limiter import RateLimit, RateLimiter


def _account_key(account: str) -> str:
    # Keys of the rate-limit store hold no email address or phone number in clear.
    return hashlib.sha256(account.encode()).hexdigest()[:32]


class Throttle:
    def __init__(self, limiter: RateLimiter, limits: RateLimits) -> None:
        self._limiter = limiter
        self._limits = limits

    async def guard(self, action: str, *, ip: str | None, account: str | None = None) -> None:
        if ip:
            await self._hit(self._limits.per_ip, action, "ip", ip)
        if account:
            await self._hit(self._limits.per_account, action, "account", _account_key(account))

    async def guard_challenge(self, challenge_id: str, window_seconds: int) -> None:
        limit = RateLimit(hits=self._limits.challenge_attempts, per_seconds=window_seconds)
        await self._hit(limit, "challenge", "id", challenge_id)

    async def _hit(self, limit: RateLimit, action: str, kind: str, key: str) -> None:
        decision = await self._limiter.hit(limit, "identity", action, kind, key)
        if not decision.allowed:
            raise RateLimited(
                f"Too many {action.replace('_', ' ')} requests: try again in "
                f"{decision.retry_after_seconds} s.",
                retry_after_seconds=decision.retry_after_seconds,
            )
