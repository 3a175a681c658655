"""My API keys (never their secrets), newest first, a page at a time; with ``api_keys:manage``
and ``everyone``, all keys."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import API_KEYS_MANAGE
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.authorization import acting_user, authorize
from usecases.identity.api_keys.views import ApiKeyView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListApiKeys:
    actor: Actor
    page: PageRequest
    everyone: bool = False


class ListApiKeysHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: ListApiKeys) -> Page[ApiKeyView]:
        owner: UserId | None
        if cmd.everyone:
            authorize(cmd.actor, API_KEYS_MANAGE)
            owner = None
        else:
            owner = acting_user(cmd.actor)
        now = self._clock.now()
        async with self._uow as uow:
            found = await uow.api_keys.for_owner(owner, cmd.page)
            keys = found.items
            owners = {u.id: u.code for u in await uow.users.by_ids([k.owner_id for k in keys])}
        return Page(
            items=[ApiKeyView.of(k, now=now, owner_code=owners.get(k.owner_id)) for k in keys],
            next_cursor=found.next_cursor,
        )
