"""Block an account with a reason: it can no longer log in and every session ends at once.

Needs ``users:block`` (or a system actor). Nobody blocks themselves, and the last active super
admin cannot be blocked."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_BLOCK
from domain.identity.errors import CannotBlockYourself, LastSuperAdmin, UserNotFound
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.user import User
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from domain.shared.ids import UserId
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder

PERMISSION = USERS_BLOCK
MAX_REASON = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockUser:
    actor: Actor
    reason: str
    user_id: UserId | None = None
    user_code: str | None = None


async def ensure_other_super_admin(uow: IdentityUnitOfWork, target: User) -> None:
    """Row-locks every super admin, then refuses when ``target`` is the last active one."""
    if not target.is_super_admin or target.is_blocked:
        return
    admins = await uow.users.lock_super_admins()
    if not any(a.id != target.id and not a.is_blocked for a in admins):
        raise LastSuperAdmin()


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
        authorize(cmd.actor, PERMISSION)
        reason = " ".join(cmd.reason.split())
        if not reason or len(reason) > MAX_REASON:
            raise invalid_field("reason", f"1 to {MAX_REASON} characters")
        now = self._clock.now()
        async with self._uow as uow:
            user = await self._target(uow, cmd)
            if cmd.actor.user_id is not None and user.id == cmd.actor.user_id:
                raise CannotBlockYourself()
            await ensure_other_super_admin(uow, user)
            user = await uow.users.get_for_update(user.id) or user
            user.block(now, reason)
            await uow.users.save(user)
            ended = await self._sessions.end_all(uow, user, now=now, reason="account_blocked")
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCOUNT_BLOCKED,
                    occurred_at=now,
                    user_id=user.id,
                    reason=reason,
                    request_id=cmd.actor.request_id,
                ),
            )
            audit(uow, cmd.actor, "user_blocked", user.code, now=now, details={"reason": reason})
            await uow.commit()
        await self._sessions.ended_all(user.id, ended)

    @staticmethod
    async def _target(uow: IdentityUnitOfWork, cmd: BlockUser) -> User:
        if cmd.user_code is not None:
            return await user_by_code(uow, cmd.user_code)
        user = await uow.users.get(cmd.user_id) if cmd.user_id is not None else None
        if user is None:
            raise UserNotFound()
        return user
