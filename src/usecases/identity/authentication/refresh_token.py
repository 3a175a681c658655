"""Exchange a refresh token for a new pair. Each refresh token works once: presenting one that
was already used ends its whole family (the session) and alerts the owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from domain.identity.errors import (
    IpNotAllowed,
    RefreshReused,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
)
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import ip_allowed
from domain.identity.session import RefreshTokenRecord
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.identity import messages
from usecases.identity.authentication.devices import describe_device
from usecases.identity.authentication.idle_sessions import IdleSessions
from usecases.identity.authentication.ports import UserAgentParser
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.authentication.views import TokenPair
from usecases.identity.origin_actor import origin_actor
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle

MAX_TOKEN_LENGTH = 512


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshToken:
    refresh_token: str
    origin: RequestOrigin


class RefreshTokenHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        sessions: Sessions,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
        idle: IdleSessions | None = None,
    ) -> None:
        self._idle = idle
        self._uow = uow
        self._sessions = sessions
        self._agents = agents
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: RefreshToken) -> TokenPair:
        await self._throttle.guard("refresh", ip=cmd.origin.ip)
        if not cmd.refresh_token or len(cmd.refresh_token) > MAX_TOKEN_LENGTH:
            raise TokenInvalid("This refresh token is not valid.")
        digest = self._sessions.refresh_digest(cmd.refresh_token)
        async with self._uow as uow:
            now = self._clock.now()
            claimed = await uow.refresh_tokens.claim(digest, now=now)
            if claimed is None:
                await self._reject_unknown_or_reused(uow, digest, cmd)
            if now >= claimed.expires_at:
                raise TokenExpired("This refresh token has expired: log in again.")
            session = await uow.sessions.get(claimed.session_id)
            user = await uow.users.get(claimed.user_id)
            if session is None or not session.is_active(now) or user is None:
                raise TokenRevoked("This session has ended: log in again.")
            if not user.may_log_in(now) or (
                user.tokens_valid_after is not None and session.created_at < user.tokens_valid_after
            ):
                raise TokenRevoked("This session has ended: log in again.")
            settings = await uow.security_settings.get(user.id)
            if not ip_allowed(settings.ip_allowlist, cmd.origin.ip):
                await self._refuse_address(uow, claimed, cmd)
            if settings.session_idle_timeout_seconds and self._idle is not None:
                await self._idle.touch(
                    str(session.id),
                    idle_seconds=settings.session_idle_timeout_seconds,
                    last_known=session.last_seen_at.timestamp(),
                )
            tokens = await self._sessions.rotate(uow, user, session)
            uow.audit(
                AuditRecord(
                    action="identity.token_refreshed",
                    actor=origin_actor(cmd.origin, user.id),
                    resource_type="session",
                    resource_id=str(session.id),
                )
            )
            await uow.commit()
        return tokens

    async def _refuse_address(
        self, uow: IdentityUnitOfWork, claimed: RefreshTokenRecord, cmd: RefreshToken
    ) -> NoReturn:
        await self._recorder.record(
            uow,
            SecurityEvent(
                kind=SecurityEventKind.ACCESS_REFUSED,
                occurred_at=self._clock.now(),
                user_id=claimed.user_id,
                reason="ip_not_allowed",
                device=describe_device(self._agents, cmd.origin),
                session_id=claimed.session_id,
                request_id=cmd.origin.request_id,
            ),
        )
        await uow.commit()  # the refresh token stays spent: the client logs in again
        raise IpNotAllowed()

    async def _reject_unknown_or_reused(
        self, uow: IdentityUnitOfWork, digest: str, cmd: RefreshToken
    ) -> NoReturn:
        used = await uow.refresh_tokens.find(digest)
        if used is None:
            raise TokenInvalid("This refresh token is not valid.")
        await self._revoke_family(uow, used, cmd)
        raise RefreshReused()

    async def _revoke_family(
        self, uow: IdentityUnitOfWork, used: RefreshTokenRecord, cmd: RefreshToken
    ) -> None:
        now = self._clock.now()
        if not await uow.sessions.revoke(used.session_id, now=now, reason="refresh_reused"):
            return  # already ended: the owner was told then
        user = await uow.users.get(used.user_id)
        session = await uow.sessions.get(used.session_id)
        if user is not None:
            label = session.device_label if session else "a device"
            await uow.notifier.notify(messages.refresh_reused(user, device=label, at=now))
        await self._recorder.record(
            uow,
            SecurityEvent(
                kind=SecurityEventKind.REFRESH_REUSED,
                occurred_at=now,
                user_id=used.user_id,
                reason="refresh_token_reused",
                device=describe_device(self._agents, cmd.origin),
                session_id=used.session_id,
                request_id=cmd.origin.request_id,
            ),
        )
        await uow.commit()
        await self._sessions.deny_access([used.session_id])
