"""The private half of the dashboard (the per-currency sections and every investment's
figures), cached as the answer's own bytes with the owner's summary version they were
computed at: one key an owner, ``portfolio:summary:v1:<owner>``, holding ``<version>\\n<body>``.

The version is read before the figures, and every write of the owner's investments or
activities moves it on in its own transaction (the repositories do it). So a body stored with
version ``n`` shows the portfolio after write ``n`` or later, and a read answers from the
cache only when the stored version is the current one: after a write commits, no reader takes
the older body, without anything to delete. A newer body replaces an older one under the same
key (nothing piles up per write); an idle owner's entry expires. Without the cache (Redis
down) the figures are computed, as before."""

from __future__ import annotations

from contextlib import suppress
from typing import Final

from domain.shared.ids import UserId
from usecases.shared.ports.cache import Cache, CacheUnavailable

SUMMARY_TTL_SECONDS: Final = 3600


def summary_key(owner: UserId) -> str:
    return f"portfolio:summary:v1:{owner}"


class SummaryCache:
    def __init__(self, cache: Cache, ttl_seconds: int = SUMMARY_TTL_SECONDS) -> None:
        self._cache = cache
        self._ttl = ttl_seconds

    async def get(self, owner: UserId, version: int) -> bytes | None:
        """The body cached at ``version``; None when there is none or an older one."""
        try:
            found = await self._cache.get(summary_key(owner))
        except CacheUnavailable:  # the database answers instead
            return None
        if found is None:
            return None
        stamp, _, body = found.partition(b"\n")
        return body if stamp == str(version).encode() else None

    async def put(self, owner: UserId, version: int, body: bytes) -> None:
        with suppress(CacheUnavailable):  # the answer stands; the next read computes it again
            await self._cache.set(
                summary_key(owner), str(version).encode() + b"\n" + body, ttl_seconds=self._ttl
            )
