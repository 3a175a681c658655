"""Per-user access state every authenticated request checks (blocked? tokens valid after?
roles, platforms, security settings), cached so a request costs no database round trip; use
cases forget it when it changes, so a change (a role removed, an account blocked) takes effect
on the next request. The roles that require two-factor are cached the same way, globally.

Each cached value is **tagged with an epoch**: a random token under a key of its own. A value
counts only while its tag equals the current epoch, and forgetting a value (after the change
committed) replaces the epoch instead of deleting the value. A reader takes the epoch *before*
it reads the database, so a reader that read the old state and writes it back after the
change was forgotten writes it under the old tag: ignored, it cannot resurrect what the
database revoked. A lost or unreadable epoch (a flush, an outage) matches nothing."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from domain.identity.access import TWO_FACTOR_ROLES
from domain.identity.user import UserStatus
from domain.shared.ids import UserId
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.ports import IdentityUnitOfWork
from usecases.shared.ports.cache import Cache, CacheUnavailable

EPOCH_SECONDS: Final = 7 * 24 * 3600  # outlives any value tagged with it


@dataclass(frozen=True, slots=True)
class Tagged:
    """The two cache keys of an epoch-tagged value."""

    epoch_key: str
    value_key: str

    def read(self, epoch: bytes | None, raw: bytes | None) -> Any | None:
        """The cached body when ``raw`` carries the current ``epoch``, else None."""
        if epoch is None or raw is None:
            return None
        try:
            data = json.loads(raw)
            return data["b"] if data["e"] == epoch.decode() else None
        except (ValueError, KeyError, TypeError):
            return None


def access_entry(user_id: UserId) -> Tagged:
    return Tagged(f"identity:epoch:access:{user_id}", f"identity:access:v3:{user_id}")


ROLE_POLICIES: Final = Tagged("identity:epoch:role-policies", "identity:role-policies:v2")


def _encode(access: UserAccess) -> dict[str, Any]:
    after = access.tokens_valid_after
    return {
        "s": access.status.value,
        "a": None if after is None else after.timestamp(),
        "r": sorted(access.roles),
        "p": sorted(access.platforms),
        "t": access.require_two_factor,
        "e": access.two_factor_enabled,
        "i": list(access.ip_allowlist),
        "x": access.idle_timeout_seconds,
    }


def _decode(data: Any) -> UserAccess | None:
    try:
        after = data["a"]
        return UserAccess(
            status=UserStatus(data["s"]),
            tokens_valid_after=None if after is None else datetime.fromtimestamp(after, UTC),
            roles=frozenset(data["r"]),
            platforms=frozenset(data["p"]),
            require_two_factor=bool(data["t"]),
            two_factor_enabled=bool(data["e"]),
            ip_allowlist=tuple(data["i"]),
            idle_timeout_seconds=data["x"],
        )
    except (ValueError, KeyError, TypeError):
        return None


def _policies(data: Any) -> frozenset[str] | None:
    return frozenset(data) if isinstance(data, list) else None


@dataclass(frozen=True, slots=True)
class CachedAccess:
    """What one read of ``UserAccessCache.keys`` found: the values still current, and the
    epochs seen (the tags a value loaded from the database now may be cached under)."""

    access: UserAccess | None
    policies: frozenset[str] | None
    access_epoch: bytes | None
    policies_epoch: bytes | None


class UserAccessCache:
    def __init__(
        self, cache: Cache, uow_factory: Callable[[], IdentityUnitOfWork], *, ttl_seconds: int
    ) -> None:
        self._cache = cache
        self._uow_factory = uow_factory
        self._ttl = ttl_seconds

    # -- reading several values in one round trip (the principal of a request) ----------------

    @staticmethod
    def keys(user_id: UserId) -> list[str]:
        entry = access_entry(user_id)
        return [entry.epoch_key, entry.value_key, ROLE_POLICIES.epoch_key, ROLE_POLICIES.value_key]

    @staticmethod
    def found(user_id: UserId, raws: Sequence[bytes | None]) -> CachedAccess:
        """Decode what the cache answered for ``keys(user_id)`` (all None: nothing cached)."""
        body = access_entry(user_id).read(raws[0], raws[1])
        policies = ROLE_POLICIES.read(raws[2], raws[3])
        return CachedAccess(
            access=None if body is None else _decode(body),
            policies=None if policies is None else _policies(policies),
            access_epoch=raws[0],
            policies_epoch=raws[2],
        )

    async def tags(self, user_id: UserId, seen: CachedAccess) -> tuple[str | None, str | None]:
        """Before reading the database: the tags to cache what it answers under (None: do
        not cache). A missing epoch is started here, so it precedes the database read."""
        access = None
        if seen.access is None:
            access = await self._tag(access_entry(user_id), seen.access_epoch)
        policies = None
        if seen.policies is None:
            policies = await self._tag(ROLE_POLICIES, seen.policies_epoch)
        return access, policies

    async def load(
        self,
        uow: IdentityUnitOfWork,
        user_id: UserId,
        seen: CachedAccess,
        tags: tuple[str | None, str | None],
    ) -> tuple[UserAccess | None, frozenset[str]]:
        """What ``seen`` lacks, read on ``uow`` and cached under ``tags``; with the platform
        admin roles added to the roles that require two-factor."""
        access, policies = seen.access, seen.policies
        if access is None:
            access = await uow.users.access(user_id)
            if access is not None and tags[0] is not None:
                await self.store(user_id, tags[0], access)
        if policies is None:
            policies = await uow.role_policies.two_factor_roles()
            if tags[1] is not None:
                await self._remember(ROLE_POLICIES, tags[1], sorted(policies))
        return access, policies | TWO_FACTOR_ROLES

    async def store(self, user_id: UserId, tag: str, access: UserAccess) -> None:
        """Cache ``access`` read from the database after the epoch ``tag`` was seen."""
        await self._remember(access_entry(user_id), tag, _encode(access))

    # -- one value ---------------------------------------------------------------------------

    async def _seen(self, user_id: UserId) -> CachedAccess:
        try:
            return self.found(user_id, await self._cache.get_many(self.keys(user_id)))
        except CacheUnavailable:
            return CachedAccess(None, None, None, None)

    async def get(self, user_id: UserId) -> UserAccess | None:
        seen = await self._seen(user_id)
        if seen.access is not None:
            return seen.access
        tags = await self.tags(user_id, seen)
        async with self._uow_factory() as uow:
            access, _ = await self.load(uow, user_id, seen, tags)
        return access

    async def two_factor_roles(self) -> frozenset[str]:
        """The roles whose holders need two-factor: the platform admin roles always, and those
        an operator chose (``role_policies``)."""
        try:
            raws = await self._cache.get_many([ROLE_POLICIES.epoch_key, ROLE_POLICIES.value_key])
        except CacheUnavailable:
            raws = [None, None]
        cached = ROLE_POLICIES.read(raws[0], raws[1])
        policies = None if cached is None else _policies(cached)
        if policies is not None:
            return policies | TWO_FACTOR_ROLES
        tag = await self._tag(ROLE_POLICIES, raws[0])
        async with self._uow_factory() as uow:
            roles = await uow.role_policies.two_factor_roles()
        if tag is not None:
            await self._remember(ROLE_POLICIES, tag, sorted(roles))
        return roles | TWO_FACTOR_ROLES

    # -- forgetting (after the change committed) ---------------------------------------------

    async def forget(self, user_id: UserId) -> None:
        await self._new_epoch(access_entry(user_id))

    async def forget_role_policies(self) -> None:
        await self._new_epoch(ROLE_POLICIES)

    async def _new_epoch(self, entry: Tagged) -> None:
        await self._cache.set(
            entry.epoch_key, secrets.token_hex(12).encode(), ttl_seconds=EPOCH_SECONDS
        )

    async def _tag(self, entry: Tagged, epoch: bytes | None) -> str | None:
        if epoch is not None:
            return epoch.decode()
        fresh = secrets.token_hex(12)
        try:
            stored = await self._cache.set_if_absent(
                entry.epoch_key, fresh.encode(), ttl_seconds=EPOCH_SECONDS
            )
        except CacheUnavailable:
            return None
        return fresh if stored else None  # another reader started it: cache next time

    async def _remember(self, entry: Tagged, tag: str, body: Any) -> None:
        payload = json.dumps({"e": tag, "b": body}).encode()
        with suppress(CacheUnavailable):  # the database answered; the next request asks again
            await self._cache.set(entry.value_key, payload, ttl_seconds=self._ttl)
