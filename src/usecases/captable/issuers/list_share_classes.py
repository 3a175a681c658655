"""Use case: an issuer's share classes, oldest first, with their authorized shares now."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_class import ShareClass
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListShareClasses:
    actor: Actor
    issuer_id: UUID
    page: PageRequest


class ListShareClassesHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListShareClasses) -> Page[ShareClass]:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await uow.share_classes.page(issuer.id, cmd.page)
