"""My active sessions (one per login), newest first, the one making the request marked."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.views import SessionView
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSessions:
    actor: Actor
    page: PageRequest


class ListSessionsHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, throttle: Throttle, clock: Clock) -> None:
        self._uow = uow
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: ListSessions) -> Page[SessionView]:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("sessions", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            page = await uow.sessions.active_for_user(user_id, now=self._clock.now(), page=cmd.page)
        return Page(
            items=[
                SessionView.of(s, current=str(s.id) == cmd.actor.session_id) for s in page.items
            ],
            next_cursor=page.next_cursor,
        )
