"""My recent login activity: successes, failures and security changes, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.security_event import SecurityEvent
from domain.shared.actor import Actor
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.throttle import Throttle

MAX_EVENTS = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class ListLoginActivity:
    actor: Actor
    limit: int = 50


class ListLoginActivityHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, throttle: Throttle) -> None:
        self._uow = uow
        self._throttle = throttle

    async def execute(self, cmd: ListLoginActivity) -> list[SecurityEvent]:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("activity", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            return await uow.login_activity.for_user(user_id, limit=min(cmd.limit, MAX_EVENTS))
