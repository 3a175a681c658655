"""Session idle timeout: the last time a session was used (an access token or a refresh)
lives in the cache; a use after more than the user's idle timeout ends the session."""

from __future__ import annotations

from datetime import timedelta

from domain.identity.errors import SessionIdle
from domain.shared.clock import Clock
from usecases.identity.authentication.sessions import session_denylist_key
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.token_denylist import TokenDenylist

TRACK_SECONDS = 30 * 24 * 3600


def _key(session_id: str) -> str:
    return f"identity:seen:{session_id}"


class IdleSessions:
    def __init__(self, cache: Cache, denylist: TokenDenylist, clock: Clock) -> None:
        self._cache = cache
        self._denylist = denylist
        self._clock = clock

    async def touch(self, session_id: str, *, idle_seconds: int, last_known: float) -> None:
        """Record a use now, or raise ``SessionIdle`` (and end the session's access tokens)
        when the last use (``last_known`` or the cached one) is too long ago."""
        now = self._clock.now()
        raw = await self._cache.get(_key(session_id))
        try:
            cached = float(raw.decode()) if raw else 0.0
        except ValueError:
            cached = 0.0
        if now.timestamp() - max(last_known, cached) > idle_seconds:
            await self._denylist.deny(
                session_denylist_key(session_id), until=now + timedelta(seconds=TRACK_SECONDS)
            )
            raise SessionIdle()
        await self._cache.set(
            _key(session_id), str(now.timestamp()).encode(), ttl_seconds=TRACK_SECONDS
        )
