"""The devices I have logged in from, most recently seen first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.views import DeviceView
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ListDevices:
    actor: Actor
    page: PageRequest


class ListDevicesHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, throttle: Throttle) -> None:
        self._uow = uow
        self._throttle = throttle

    async def execute(self, cmd: ListDevices) -> Page[DeviceView]:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("devices", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            page = await uow.devices.page_for_user(user_id, cmd.page)
        return Page(items=[DeviceView.of(d) for d in page.items], next_cursor=page.next_cursor)
