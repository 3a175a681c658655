"""Use case: the shareholder list (cached): every stakeholder holding shares, largest first,
with their shares by class and outstanding and fully diluted percentages (exactly 100 % in
all); now, or at the end of a past date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.view_cache import OwnershipViews
from usecases.captable.views import HolderRow


@dataclass(frozen=True, slots=True, kw_only=True)
class ListHolders:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    as_of: date | None = None


class ListHoldersHandler:
    def __init__(self, uow: CaptableUnitOfWork, views: OwnershipViews) -> None:
        self._uow = uow
        self._views = views

    async def execute(self, cmd: ListHolders) -> Page[HolderRow]:
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await self._views.holders(uow, issuer, cmd.as_of, cmd.page)
