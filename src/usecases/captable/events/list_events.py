"""Use case: an issuer's event history, oldest first (the record the cap table is built from)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.events import CapTableEvent
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListEvents:
    actor: Actor
    issuer_id: UUID
    page: PageRequest


class ListEventsHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListEvents) -> Page[CapTableEvent]:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await uow.cap_tables.events_page(issuer.id, cmd.page)
