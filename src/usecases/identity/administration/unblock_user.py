"""Unblock an account. Its old sessions stay ended: the owner logs in again."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_BLOCK
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder


@dataclass(frozen=True, slots=True, kw_only=True)
class UnblockUser:
    actor: Actor
    user_code: str


class UnblockUserHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        access: UserAccessCache,
        recorder: SecurityRecorder,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._access = access
        self._recorder = recorder
        self._clock = clock

    async def execute(self, cmd: UnblockUser) -> None:
        authorize(cmd.actor, USERS_BLOCK)
        now = self._clock.now()
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            if not user.unblock(now):
                return
            await uow.users.save(user)
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCOUNT_UNBLOCKED,
                    occurred_at=now,
                    user_id=user.id,
                    request_id=cmd.actor.request_id,
                ),
            )
            audit(uow, cmd.actor, "user_unblocked", user.code, now=now)
            await uow.commit()
        await self._access.forget(user.id)
