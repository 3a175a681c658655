"""Session idle timeout: the last time a session was used (an access token or a refresh)
lives in the cache; a use after more than the user's idle timeout ends the session.

The use is written at most every ``idle_seconds // 20`` seconds (a session may end up to 5 %
of its timeout early), so most requests of a session with a timeout cost no cache write."""

from __future__ import annotations

from datetime import timedelta

from domain.identity.errors import SessionIdle
from domain.shared.clock import Clock
from usecases.identity.authentication.sessions import session_denylist_key
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.token_denylist import TokenDenylist

TRACK_SECONDS = 30 * 24 * 3600


def seen_key(session_id: str) -> str:
    return f"identity:seen:{session_id}"


def _seconds(raw: bytes | None) -> float:
    try:
        return float(raw.decode()) if raw else 0.0
    except ValueError:
        return 0.0


class IdleSessions:
    def __init__(self, cache: Cache, denylist: TokenDenylist, clock: Clock) -> None:
        self._cache = cache
        self._denylist = denylist
        self._clock = clock

    async def touch(
        self,
        session_id: str,
        *,
        idle_seconds: int,
        last_known: float,
        seen: bytes | None = None,
        read: bool = True,
    ) -> None:
        """Record a use now, or raise ``SessionIdle`` (and end the session's access tokens)
        when the last use (``last_known`` or the cached one) is too long ago. ``seen`` is the
        cached last use when the caller read it already (``read=False``)."""
        now = self._clock.now()
        if read:
            seen = await self._cache.get(seen_key(session_id))
        cached = _seconds(seen)
        last = max(last_known, cached)
        if now.timestamp() - last > idle_seconds:
            await self._denylist.deny(
                session_denylist_key(session_id), until=now + timedelta(seconds=TRACK_SECONDS)
            )
            raise SessionIdle()
        if now.timestamp() - cached >= max(1, idle_seconds // 20):
            await self._cache.set(
                seen_key(session_id), str(now.timestamp()).encode(), ttl_seconds=TRACK_SECONDS
            )
