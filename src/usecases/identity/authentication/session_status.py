"""Whether the session of an access token has ended, with the database as the source of truth.

The denylist (cache) is the fast path: a session ended by logout, revocation or a password
change is denied there right after the database committed it. A session the denylist does not
name is looked up in the database when the cache holds no recent "still active" answer for it,
and that answer is cached for ``ACTIVE_SECONDS``. So a lost cache (a Redis ``FLUSHDB`` or
restart) falls back to the database, never to "allowed"; the denylist is read first, so a
revocation is seen at once even where an "active" answer is still cached. The principal lookup
(``principal.py``) reads both keys with the request's other cache keys in one round trip."""

from __future__ import annotations

from typing import Final

from domain.identity.ids import SessionId
from usecases.identity.authentication.sessions import session_denylist_key
from usecases.identity.ports import IdentityUnitOfWork
from usecases.shared.ports.token_denylist import denylist_cache_key

ACTIVE_SECONDS: Final = 30


def session_active_key(session_id: SessionId | str) -> str:
    return f"identity:session-active:{session_id}"


def session_denied_key(session_id: SessionId | str) -> str:
    """The cache key of the session's denylist entry (``Sessions.deny_access`` writes it)."""
    return denylist_cache_key(session_denylist_key(str(session_id)))


async def session_ended_in_database(uow: IdentityUnitOfWork, session_id: SessionId) -> bool:
    session = await uow.sessions.get(session_id)
    return session is None or session.revoked_at is not None
