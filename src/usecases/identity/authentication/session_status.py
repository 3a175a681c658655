"""Whether the session of an access token has ended, with the database as the source of truth.

The denylist (cache) is the fast path: a session ended by logout, revocation or a password
change is denied there right after the database committed it. A session the denylist does not
name is looked up in the database when the cache holds no recent "still active" answer for it,
and that answer is cached for ``ACTIVE_SECONDS``. So a lost cache (a Redis ``FLUSHDB`` or
restart) falls back to the database, never to "allowed"; the denylist is read first, so a
revocation is seen at once even where an "active" answer is still cached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from domain.identity.ids import SessionId
from usecases.identity.authentication.sessions import session_denylist_key
from usecases.identity.ports import IdentityUnitOfWork
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.token_denylist import TokenDenylist

ACTIVE_SECONDS: Final = 30


def _active_key(session_id: str) -> str:  # the id as text
    return f"identity:session-active:{session_id}"


class SessionStatus:
    def __init__(
        self,
        cache: Cache,
        denylist: TokenDenylist,
        uow_factory: Callable[[], IdentityUnitOfWork],
        *,
        active_seconds: int = ACTIVE_SECONDS,
    ) -> None:
        self._cache = cache
        self._denylist = denylist
        self._uow_factory = uow_factory
        self._active_seconds = active_seconds

    async def ended(self, session_id: SessionId) -> bool:
        if await self._denylist.is_denied(session_denylist_key(str(session_id))):
            return True
        if await self._cache.get(_active_key(str(session_id))) is not None:
            return False
        async with self._uow_factory() as uow:
            session = await uow.sessions.get(session_id)
        if session is None or session.revoked_at is not None:
            return True
        await self._cache.set(_active_key(str(session_id)), b"1", ttl_seconds=self._active_seconds)
        return False
