"""Use case: holdings by class (cached with the shareholder list): each class with its
authorized, outstanding and fully diluted shares, most senior first; now or on a past date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest, page_in_memory
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.view_cache import OwnershipViews
from usecases.captable.views import ClassSummary


@dataclass(frozen=True, slots=True, kw_only=True)
class ListClassHoldings:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    as_of: date | None = None


class ListClassHoldingsHandler:
    def __init__(self, uow: CaptableUnitOfWork, views: OwnershipViews) -> None:
        self._uow = uow
        self._views = views

    async def execute(self, cmd: ListClassHoldings) -> Page[ClassSummary]:
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            classes = {c.id: c for c in await uow.share_classes.of_issuer(issuer.id)}
            table = await self._views.totals(uow, issuer, cmd.as_of, classes)
        rows = [ClassSummary(classes[t.stock_class_id], t) for t in table.classes]
        ordered = [(f"{n:06d}", row) for n, row in enumerate(rows)]
        page = page_in_memory(
            ordered, cmd.page, scope="captable-class-holdings", key=lambda r: r[0]
        )
        return Page(items=[row for _, row in page.items], next_cursor=page.next_cursor)
