"""End one of my sessions (log a device out)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import SessionNotFound
from domain.identity.ids import SessionId
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeSession:
    actor: Actor
    session_id: SessionId


class RevokeSessionHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        sessions: Sessions,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._sessions = sessions
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: RevokeSession) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("sessions", ip=cmd.actor.ip, account=str(user_id))
        now = self._clock.now()
        async with self._uow as uow:
            session = await uow.sessions.get(cmd.session_id)
            if session is None or session.user_id != user_id or not session.is_active(now):
                raise SessionNotFound()
            await uow.sessions.revoke(session.id, now=now, reason="revoked_by_user")
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.SESSION_REVOKED,
                    occurred_at=now,
                    user_id=user_id,
                    session_id=session.id,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.deny_access([session.id])
