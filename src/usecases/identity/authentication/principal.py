"""Who is calling, resolved in **one cache round trip** on a warm path and no database round
trip: one ``get_many`` reads the access token's denylist entry, its session's denylist entry
and "still active" answer, the session's last use (idle timeout), the user's epoch-tagged
access snapshot and the epoch-tagged roles that require two-factor (``user_access.py``), and
the user's own profile, tagged with the same access epoch, which ``GET /users/me`` answers from
(``profile/me_cache.py``).

Whatever the cache lacks (or cannot answer: an outage) is read from the database, the source of
truth, in one unit of work, and cached again for the next request. So a cache miss, a flush or
a Redis outage costs a database read, never a grant the database has revoked: a logged-out
session is revoked in the database, a blocked user's status and a password change's "valid
after" are the user's row, a removed role is the user's roles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Final

from domain.identity.access import TWO_FACTOR_ROLES
from domain.identity.errors import TokenRevoked
from domain.identity.ids import SessionId
from domain.shared.ids import UserId
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.access_control.user_access import CachedAccess, UserAccessCache
from usecases.identity.authentication.idle_sessions import seen_key
from usecases.identity.authentication.session_status import (
    ACTIVE_SECONDS,
    session_active_key,
    session_denied_key,
    session_ended_in_database,
)
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile import me_cache
from usecases.identity.profile.views import UserView
from usecases.shared.ports.cache import Cache, CacheUnavailable
from usecases.shared.ports.token_denylist import denylist_cache_key

_NOTHING: tuple[None, ...] = (None,) * 9
DECODED_SIZE: Final = 4096


@dataclass(frozen=True, slots=True)
class Principal:
    access: UserAccess | None
    two_factor_roles: frozenset[str]  # the roles whose holders need two-factor
    last_seen: bytes | None  # the session's cached last use (idle timeout)
    cache_up: bool  # False: the cache could not be read (the idle timeout cannot be tracked)


class PrincipalLookup:
    def __init__(
        self,
        cache: Cache,
        access: UserAccessCache,
        uow_factory: Callable[[], IdentityUnitOfWork],
        *,
        active_seconds: int = ACTIVE_SECONDS,
    ) -> None:
        self._cache = cache
        self._access = access
        self._uow_factory = uow_factory
        self._active_seconds = active_seconds
        self._decoded_memo: dict[tuple[object, ...], tuple[CachedAccess, UserView | None]] = {}

    async def resolve(
        self, user_id: UserId, session_id: SessionId | None, token_id: str
    ) -> Principal:
        """The caller's access state; raises ``TokenRevoked`` for a logged-out token or an
        ended session."""
        me_cache.remember(None)  # until this request's lookup found its principal
        session = str(session_id) if session_id is not None else token_id
        keys = [
            denylist_cache_key(token_id),
            session_denied_key(session),
            session_active_key(session),
            seen_key(session),
            *self._access.keys(user_id),
            me_cache.profile_entry(user_id).value_key,
        ]
        cache_up = True
        try:
            raws: list[bytes | None] | tuple[None, ...] = await self._cache.get_many(keys)
        except CacheUnavailable:
            raws, cache_up = _NOTHING, False
        if raws[0] is not None:
            raise TokenRevoked("This access token was revoked (logged out).")
        if session_id is not None and raws[1] is not None:
            raise TokenRevoked("The session of this access token has ended.")
        check_session = session_id is not None and raws[2] is None
        seen, profile = self._decoded(user_id, raws)
        if not check_session and seen.access is not None and seen.policies is not None:
            epoch = raws[4]
            me_cache.remember(
                me_cache.SeenProfile(user_id, profile, None if epoch is None else epoch.decode())
            )
            return Principal(
                access=seen.access,
                two_factor_roles=seen.policies | TWO_FACTOR_ROLES,
                last_seen=raws[3],
                cache_up=cache_up,
            )
        return await self._from_database(
            user_id, session_id if check_session else None, seen, raws[3], cache_up, profile
        )

    def _decoded(
        self, user_id: UserId, raws: Sequence[bytes | None]
    ) -> tuple[CachedAccess, UserView | None]:
        """What the cached access, role policies and profile say, decoded once per distinct
        answer: a warm caller's cache answers the same bytes request after request, so their
        decoding is remembered (at most ``DECODED_SIZE`` answers, the oldest dropped first).
        The key is the user and every byte of the epochs and values, so any change of the cache
        is another key."""
        key = (user_id, *raws[4:9])
        known = self._decoded_memo.get(key)
        if known is not None:
            return known
        decoded = (
            self._access.found(user_id, raws[4:8]),
            me_cache.read(user_id, raws[4], raws[8]),
        )
        if len(self._decoded_memo) >= DECODED_SIZE:
            del self._decoded_memo[next(iter(self._decoded_memo))]
        self._decoded_memo[key] = decoded
        return decoded

    async def _from_database(
        self,
        user_id: UserId,
        session_id: SessionId | None,
        seen: CachedAccess,
        last_seen: bytes | None,
        cache_up: bool,
        profile: UserView | None,
    ) -> Principal:
        tags = await self._access.tags(user_id, seen) if cache_up else (None, None)
        async with self._uow_factory() as uow:
            if session_id is not None and await session_ended_in_database(uow, session_id):
                raise TokenRevoked("The session of this access token has ended.")
            access, roles = await self._access.load(uow, user_id, seen, tags)
        if session_id is not None and cache_up:
            with suppress(CacheUnavailable):
                await self._cache.set(
                    session_active_key(str(session_id)), b"1", ttl_seconds=self._active_seconds
                )
        epoch = seen.access_epoch
        tag = tags[0] if epoch is None else epoch.decode()
        me_cache.remember(me_cache.SeenProfile(user_id, profile, tag if cache_up else None))
        return Principal(
            access=access, two_factor_roles=roles, last_seen=last_seen, cache_up=cache_up
        )
