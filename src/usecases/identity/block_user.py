"""Block an account: it can no longer log in and every session ends at once.

No HTTP route yet (roles and back-office arrive with access control); operators and other
contexts call it with a system actor or the ``identity:users:block`` permission."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import NotFound, PermissionDenied
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.sessions import Sessions

PERMISSION = "identity:users:block"


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockUser:
    actor: Actor
    user_id: UserId
    reason: str


class BlockUserHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        sessions: Sessions,
        recorder: SecurityRecorder,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._sessions = sessions
        self._recorder = recorder
        self._clock = clock

    async def execute(self, cmd: BlockUser) -> None:
        if not cmd.actor.may(PERMISSION):
            raise PermissionDenied("blocking accounts needs the identity:users:block permission")
        now = self._clock.now()
        async with self._uow as uow:
            user = await uow.users.get_for_update(cmd.user_id)
            if user is None:
                raise NotFound("no such user", code="user_not_found")
            user.block(now)
            await uow.users.save(user)
            ended = await self._sessions.end_all(uow, user, now=now, reason="account_blocked")
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCOUNT_BLOCKED,
                    occurred_at=now,
                    user_id=user.id,
                    reason=cmd.reason,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.ended_all(user.id, ended)
