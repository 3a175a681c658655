"""My login activity: successes, failures and security changes, newest first, a page at a
time."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.security_event import SecurityEvent
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ListLoginActivity:
    actor: Actor
    page: PageRequest


class ListLoginActivityHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, throttle: Throttle) -> None:
        self._uow = uow
        self._throttle = throttle

    async def execute(self, cmd: ListLoginActivity) -> Page[SecurityEvent]:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("activity", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            return await uow.login_activity.for_user(user_id, cmd.page)
