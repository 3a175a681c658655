"""Grant or revoke a user's access to a platform (web, mobile, api). Revoking ends every
session (a session does not record its platform), so the user logs in again where allowed;
revoking ``api`` stops their API keys on the next request."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_ACCESS
from domain.identity.user import Platform
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangePlatformAccess:
    actor: Actor
    user_code: str
    platform: Platform
    granted: bool


class ChangePlatformAccessHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, sessions: Sessions, clock: Clock) -> None:
        self._uow = uow
        self._sessions = sessions
        self._clock = clock

    async def execute(self, cmd: ChangePlatformAccess) -> tuple[str, ...]:
        authorize(cmd.actor, USERS_ACCESS)
        platform = cmd.platform
        now = self._clock.now()
        ended = []
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            if user.set_platform(platform, granted=cmd.granted, now=now):
                if not cmd.granted and platform is not Platform.API:
                    user.end_all_sessions(now)
                    ended = await self._sessions.end_all(
                        uow, user, now=now, reason="platform_revoked"
                    )
                await uow.users.save(user)
                action = "platform_granted" if cmd.granted else "platform_revoked"
                audit(uow, cmd.actor, action, user.code, now=now, details={"platform": platform})
                await uow.commit()
        await self._sessions.ended_all(user.id, ended)
        return tuple(sorted(user.platforms))
