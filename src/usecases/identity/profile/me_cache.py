"""The signed-in user's own profile (``GET /users/me``) read from the **same cache round trip**
as the request's principal, with no database round trip when warm.

The cached value is the ``UserView`` the endpoint answers, nothing more (no password hash, no
status, no KYC level; the identity tables seal none of these fields at rest), stored as
``{"e": <epoch>, "b": <view>}`` under ``identity:me:v1:<user id>`` and tagged with **the
user's access epoch** (``user_access.access_entry``). So every change that already replaces
that epoch (a role assigned or removed, a block or unblock, a password change or reset, logout
everywhere, security settings, two-factor on or off, platform access) also retires the cached
profile, and so do the two writers of the profile's own fields, ``UpdateMeHandler`` and the
operators' ``UpdateUserHandler`` (email, mobile, code and creation time never change). A
logged-out token or session never gets here: the principal refuses it first.

How the view travels from the principal to the use case: ``PrincipalLookup`` fetches the
profile key in its one ``MGET`` and leaves what it found, with the epoch it saw *before* any
database read, in a context variable of the request's task (``remember``);
``GetMeHandler`` takes it (``take``) for the same user, once. On a miss the handler reads the
database and caches the view under that epoch, so a write that raced a change is written under
the old epoch and ignored, as for the access snapshot."""

from __future__ import annotations

import json
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.identity.access import RoleGrant
from domain.shared.ids import UserId
from usecases.identity.access_control.user_access import Tagged, access_entry
from usecases.identity.profile.views import UserView
from usecases.shared.ports.cache import Cache, CacheUnavailable


def profile_entry(user_id: UserId) -> Tagged:
    """The cached profile, tagged with the user's access epoch."""
    return Tagged(access_entry(user_id).epoch_key, f"identity:me:v1:{user_id}")


def encode(view: UserView) -> dict[str, Any]:
    return {
        "id": str(view.id),
        "c": view.code,
        "m": view.email,
        "p": view.phone,
        "n": view.full_name,
        "d": None if view.date_of_birth is None else view.date_of_birth.isoformat(),
        "k": view.country,
        "r": [[g.role, g.scope] for g in view.roles],
        "t": view.two_factor_enabled,
        "a": view.created_at.isoformat(),
    }


def decode(data: Any) -> UserView | None:
    try:
        born = data["d"]
        return UserView(
            id=UserId(UUID(data["id"])),
            code=data["c"],
            email=data["m"],
            phone=data["p"],
            full_name=data["n"],
            date_of_birth=None if born is None else date.fromisoformat(born),
            country=data["k"],
            roles=tuple(RoleGrant(role, scope) for role, scope in data["r"]),
            two_factor_enabled=bool(data["t"]),
            created_at=datetime.fromisoformat(data["a"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class SeenProfile:
    """What the request's principal lookup found for its user."""

    user_id: UserId
    view: UserView | None  # current under the user's access epoch, else None
    tag: str | None  # the epoch to cache a view read from the database under (None: don't)


_seen: ContextVar[SeenProfile | None] = ContextVar("identity_seen_profile", default=None)


def remember(seen: SeenProfile | None) -> None:
    """Called by the principal lookup on every bearer request (None: nothing to offer)."""
    _seen.set(seen)


def take(user_id: UserId) -> SeenProfile | None:
    """What this request's principal lookup found for ``user_id``, once."""
    seen = _seen.get()
    if seen is None:
        return None
    _seen.set(None)
    return seen if seen.user_id == user_id else None


def read(user_id: UserId, epoch: bytes | None, raw: bytes | None) -> UserView | None:
    body = profile_entry(user_id).read(epoch, raw)
    return None if body is None else decode(body)


class ProfileCache:
    def __init__(self, cache: Cache, *, ttl_seconds: int) -> None:
        self._cache = cache
        self._ttl = ttl_seconds

    async def store(self, tag: str, view: UserView) -> None:
        """Cache ``view`` read from the database after the epoch ``tag`` was seen."""
        payload = json.dumps({"e": tag, "b": encode(view)}).encode()
        with suppress(CacheUnavailable):  # the database answered; the next request asks again
            await self._cache.set(profile_entry(view.id).value_key, payload, ttl_seconds=self._ttl)
