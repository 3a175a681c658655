"""Log out everywhere: every session ends, and no access token issued before now is accepted."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.ports import TokenCodec, TokenType
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class LogoutEverywhere:
    actor: Actor
    access_token: str


class LogoutEverywhereHandler:
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

    async def execute(self, cmd: LogoutEverywhere) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("logout", ip=cmd.actor.ip, account=str(user_id))
        claims = self._codec.decode(cmd.access_token, expected=TokenType.ACCESS)
        now = self._clock.now()
        async with self._uow as uow:
            user = await uow.users.get_for_update(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            user.end_all_sessions(now)
            await uow.users.save(user)
            ended = await self._sessions.end_all(uow, user, now=now, reason="logout_everywhere")
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.LOGOUT_EVERYWHERE,
                    occurred_at=now,
                    user_id=user_id,
                    session_id=claims.session_id,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.ended_all(user_id, ended)
        await self._sessions.deny_token(claims.token_id, until=claims.expires_at)
