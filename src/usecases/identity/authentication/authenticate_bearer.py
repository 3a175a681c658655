"""The Authenticator port for the whole app: a bearer access token or an API key
(``api_keys/authenticate_api_key.py``) becomes an Actor, with the permissions its roles (or
scopes) give *now*, not when the token was issued. The principal (revocations, the user's
access state, the roles that need two-factor) comes from ``PrincipalLookup``: one cache round
trip when warm, the database when the cache lacks it."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from domain.identity.access import RoleGrant, permission_keys
from domain.identity.api_key import ApiKeyInvalid
from domain.identity.device import DeviceInfo, UserAgent
from domain.identity.errors import IpNotAllowed, TokenRevoked
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import ip_allowed
from domain.identity.user import UserStatus
from domain.shared.actor import Actor
from domain.shared.clock import Clock, SystemClock
from domain.shared.ids import UserId
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.api_keys.authenticate_api_key import ApiKeyAuthenticator
from usecases.identity.authentication.idle_sessions import IdleSessions
from usecases.identity.authentication.ports import TokenCodec, TokenType
from usecases.identity.authentication.principal import PrincipalLookup
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.authenticator import PresentedKey, RequestOrigin
from usecases.identity.security_recorder import SecurityRecorder


class BearerAuthenticator:
    def __init__(
        self,
        *,
        codec: TokenCodec,
        principals: PrincipalLookup,
        access: UserAccessCache,
        idle: IdleSessions | None = None,
        keys: ApiKeyAuthenticator | None = None,
        uow_factory: Callable[[], IdentityUnitOfWork] | None = None,
        recorder: SecurityRecorder | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._codec = codec
        self._principals = principals
        self._access = access
        self._idle = idle
        self._keys = keys
        self._uow_factory = uow_factory
        self._recorder = recorder
        self._clock = clock or SystemClock()

    async def from_bearer(self, token: str, origin: RequestOrigin) -> Actor:
        claims = self._codec.decode(token, expected=TokenType.ACCESS)
        principal = await self._principals.resolve(
            claims.subject, claims.session_id, claims.token_id
        )
        access = principal.access
        if access is None or access.status is not UserStatus.ACTIVE:
            raise TokenRevoked("This account cannot be used.")
        valid_after = access.tokens_valid_after
        # iat has whole seconds: tokens of the same second are caught by the session denylist.
        if valid_after is not None and claims.issued_at.timestamp() < int(valid_after.timestamp()):
            raise TokenRevoked("Every session of this account was ended after this token.")
        if not ip_allowed(access.ip_allowlist, origin.ip):
            await self._refused(claims.subject, "ip_not_allowed", origin, str(claims.session_id))
            raise IpNotAllowed()
        if (
            access.idle_timeout_seconds
            and claims.session_id is not None
            and self._idle
            and principal.cache_up  # the last use lives in the cache only
        ):
            await self._idle.touch(
                str(claims.session_id),
                idle_seconds=access.idle_timeout_seconds,
                last_known=claims.issued_at.timestamp(),
                seen=principal.last_seen,
                read=False,
            )
        grants = [RoleGrant.parse(r) for r in access.roles]
        required = access.require_two_factor or bool(
            {g.role for g in grants} & principal.two_factor_roles
        )
        # Two-factor required but not on: the person uses their own account, nothing more.
        permissions = (
            frozenset() if required and not access.two_factor_enabled else permission_keys(grants)
        )
        return Actor(
            kind="user",
            user_id=claims.subject,
            roles=access.roles,
            permissions=permissions,
            session_id=str(claims.session_id) if claims.session_id else None,
            ip=origin.ip,
            user_agent=origin.user_agent,
            request_id=origin.request_id,
        )

    async def from_api_key(self, presented: PresentedKey, origin: RequestOrigin) -> Actor:
        if self._keys is None:
            raise ApiKeyInvalid()
        return await self._keys.authenticate(presented, origin)

    async def _refused(
        self, user_id: UserId, reason: str, origin: RequestOrigin, session_id: str | None
    ) -> None:
        if self._recorder is None or self._uow_factory is None:
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
                    session_id=UUID(session_id) if session_id else None,
                    request_id=origin.request_id,
                ),
            )
            await uow.commit()
