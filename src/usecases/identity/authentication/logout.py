"""Log out: end this session (its refresh family) and deny its access token until expiry."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.ports import TokenCodec, TokenType
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class Logout:
    actor: Actor
    access_token: str


class LogoutHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        codec: TokenCodec,
        sessions: Sessions,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._codec = codec
        self._sessions = sessions
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: Logout) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("logout", ip=cmd.actor.ip, account=str(user_id))
        claims = self._codec.decode(cmd.access_token, expected=TokenType.ACCESS)
        now = self._clock.now()
        async with self._uow as uow:
            if claims.session_id is not None:
                await uow.sessions.revoke(claims.session_id, now=now, reason="logout")
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.LOGOUT,
                    occurred_at=now,
                    user_id=user_id,
                    session_id=claims.session_id,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.deny_token(claims.token_id, until=claims.expires_at)
        if claims.session_id is not None:
            await self._sessions.deny_access([claims.session_id])
