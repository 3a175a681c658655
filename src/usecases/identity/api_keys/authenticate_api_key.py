"""An API key becomes its owner's actor, limited to the key's scopes.

In order: the signature's timestamp is inside the window (no I/O); the key is found by its
prefix and proven (the whole key against its HMAC, or the request's signature against the
sealed secret, both compared in constant time); it is neither revoked nor expired and holds the
route's scope; its owner is active with the ``api`` platform; the address passes the owner's
and the key's allowlists; the key's rate limit has room; a signature is used only once (Redis
answers for reads, the database is the truth for state-changing requests and whenever Redis is
down); and a state-changing request is written to the audit trail with the key's id before the
route runs. The secret is never logged or put in an error."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.identity.api_key import (
    ApiKey,
    ApiKeyInvalid,
    ApiKeyIpNotAllowed,
    ApiKeyReplayed,
    ApiKeySignatureInvalid,
    ApiKeySignatureRequired,
    ApiKeyTimestampOutOfWindow,
    IssuedSecret,
    key_context,
    prefix_of_key_id,
    split_key,
)
from domain.identity.device import DeviceInfo, UserAgent
from domain.identity.errors import IpNotAllowed
from domain.identity.request_signing import (
    SIGNATURE_HEX_LENGTH,
    WINDOW,
    changes_state,
    signature_matches,
    within_window,
)
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import ip_allowed
from domain.identity.user import Platform, UserStatus
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import RateLimited
from domain.shared.ids import UserId
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.identity.public.authenticator import PresentedKey, RequestOrigin, SignedRequest
from usecases.identity.security_recorder import SecurityRecorder
from usecases.shared.ports.cache import Cache, CacheUnavailable
from usecases.shared.ports.field_cipher import FieldCipher
from usecases.shared.ports.rate_limiter import RateLimit, RateLimiter

API_KEY_PURPOSE = "api-key"
LAST_USED_EVERY = timedelta(seconds=30)
SEEN_FOR = WINDOW * 2 + timedelta(seconds=1)  # a signature outlives its window, never less
REQUEST_ACTION = "identity.api_key_request"


class ApiKeyAuthenticator:
    def __init__(
        self,
        *,
        uow_factory: Callable[[], IdentityUnitOfWork],
        digest: SecretDigest,
        cipher: FieldCipher,
        access: UserAccessCache,
        clock: Clock,
        seen: Cache | None = None,
        limiter: RateLimiter | None = None,
        recorder: SecurityRecorder | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._digest = digest
        self._cipher = cipher
        self._access = access
        self._clock = clock
        self._seen = seen
        self._limiter = limiter
        self._recorder = recorder

    async def authenticate(self, presented: PresentedKey, origin: RequestOrigin) -> Actor:
        now = self._clock.now()
        signed = presented.signed
        state_changing = changes_state(presented.method)
        if signed is None and state_changing:
            raise ApiKeySignatureRequired()
        if signed is not None and not within_window(signed.timestamp, now):
            raise ApiKeyTimestampOutOfWindow(int(WINDOW.total_seconds()))
        async with self._uow_factory() as uow:  # a read: nothing to commit
            key = await self._proven(uow, presented)
        key.ensure_usable(now)
        key.ensure_scope(presented.scope)
        await self._check_owner_and_address(key, origin)
        await self._check_rate(key)
        actor = Actor(
            kind="api_key",
            user_id=key.owner_id,
            permissions=key.scopes,
            api_key_id=str(key.id),
            ip=origin.ip,
            user_agent=origin.user_agent,
            request_id=origin.request_id,
        )
        seen_in_database = state_changing
        if signed is not None and not state_changing:
            seen_in_database = not await self._first_use_in_cache(key, signed)
        if seen_in_database or _last_use_is_stale(key, origin, now):
            await self._record(key, actor, presented, signed, seen_in_database)
        return actor

    async def _proven(self, uow: IdentityUnitOfWork, presented: PresentedKey) -> ApiKey:
        signed = presented.signed
        if signed is None:
            issued = split_key(presented.key)
            found = await uow.api_keys.by_prefix(issued.prefix) if issued else None
            if (
                issued is None
                or found is None
                or not self._digest.matches(
                    issued.secret, found.secret_digest, purpose=API_KEY_PURPOSE
                )
            ):
                raise ApiKeyInvalid()
            return found
        prefix = prefix_of_key_id(presented.key)
        found = await uow.api_keys.by_prefix(prefix) if prefix else None
        if found is None:
            raise ApiKeyInvalid()
        if found.sealed_secret is None:
            raise ApiKeySignatureInvalid(
                "This key was made before signed requests existed: rotate it to get one that "
                "can sign."
            )
        secret = self._cipher.decrypt(found.sealed_secret, context=key_context(found.id))
        whole = IssuedSecret(found.prefix, secret.decode()).key
        if len(signed.signature.strip()) != SIGNATURE_HEX_LENGTH or not signature_matches(
            whole,
            signed.signature,
            timestamp=signed.timestamp,
            method=signed.method,
            target=signed.target,
            body=signed.body,
        ):
            raise ApiKeySignatureInvalid()
        return found

    async def _check_owner_and_address(self, key: ApiKey, origin: RequestOrigin) -> None:
        access = await self._access.get(key.owner_id)
        if (
            access is None
            or access.status is not UserStatus.ACTIVE
            or Platform.API.value not in access.platforms
        ):
            raise ApiKeyInvalid()
        if not ip_allowed(access.ip_allowlist, origin.ip):
            await self._refused(key.owner_id, "ip_not_allowed:api_key", origin)
            raise IpNotAllowed()
        if not ip_allowed(key.ip_allowlist, origin.ip):
            await self._refused(key.owner_id, "ip_not_allowed:api_key_allowlist", origin)
            raise ApiKeyIpNotAllowed()

    async def _check_rate(self, key: ApiKey) -> None:
        if self._limiter is None:
            return
        limit = RateLimit(hits=key.rate_limit_per_minute, per_seconds=60)
        decision = await self._limiter.hit(limit, "identity", "api_key", str(key.id))
        if not decision.allowed:
            raise RateLimited(
                f"This API key allows {key.rate_limit_per_minute} requests a minute: try "
                f"again in {decision.retry_after_seconds} s.",
                retry_after_seconds=decision.retry_after_seconds,
                code="api_key_rate_limited",
            )

    async def _first_use_in_cache(self, key: ApiKey, signed: SignedRequest) -> bool:
        """True when the cache stored the signature now; False when it cannot answer (the
        database decides then). A signature the cache already holds is a replay."""
        if self._seen is None:
            return False
        name = f"identity:api-key-signature:{key.id}:{signed.signature.strip().lower()}"
        try:
            stored = await self._seen.set_if_absent(
                name, b"1", ttl_seconds=int(SEEN_FOR.total_seconds())
            )
        except CacheUnavailable:
            return False
        if not stored:
            raise ApiKeyReplayed()
        return True

    async def _record(
        self,
        key: ApiKey,
        actor: Actor,
        presented: PresentedKey,
        signed: SignedRequest | None,
        seen_in_database: bool,
    ) -> None:
        """In one transaction: the key's last use, the database's seen-set (the truth) and,
        for a state-changing request, its audit entry."""
        now = self._clock.now()
        async with self._uow_factory() as uow:
            await uow.api_keys.mark_used(key.id, now=now, ip=actor.ip, every=LAST_USED_EVERY)
            if (
                seen_in_database
                and signed is not None
                and not await uow.api_keys.first_use_of_signature(
                    key.id, signed.signature.strip().lower(), now=now, keep=SEEN_FOR
                )
            ):
                raise ApiKeyReplayed()
            if changes_state(presented.method):
                uow.audit(
                    AuditRecord(
                        action=REQUEST_ACTION,
                        actor=actor,
                        resource_type="api_key",
                        resource_id=key.prefix,
                        after={
                            "method": presented.method.upper(),
                            "target": signed.target[:500] if signed else None,
                            "body_sha256": hashlib.sha256(signed.body).hexdigest()
                            if signed
                            else None,
                            "scope": presented.scope,
                        },
                    )
                )
            await uow.commit()

    async def _refused(self, user_id: UserId, reason: str, origin: RequestOrigin) -> None:
        if self._recorder is None:
            return
        device = DeviceInfo(
            device_id=None, name=None, agent=UserAgent(raw=origin.user_agent), ip=origin.ip
        )
        async with self._uow_factory() as uow:
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCESS_REFUSED,
                    occurred_at=self._clock.now(),
                    user_id=user_id,
                    reason=reason,
                    device=device,
                    session_id=None,
                    request_id=origin.request_id,
                ),
            )
            await uow.commit()


def _last_use_is_stale(key: ApiKey, origin: RequestOrigin, now: datetime) -> bool:
    """Last use is written at most every ``LAST_USED_EVERY``, or when the address changed."""
    return (
        key.last_used_at is None
        or now - key.last_used_at >= LAST_USED_EVERY
        or key.last_used_ip != origin.ip
    )
