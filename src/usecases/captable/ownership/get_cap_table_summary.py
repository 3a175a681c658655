"""Use case: the cap table's totals (cached): each class's authorized, outstanding and fully
diluted shares, now or at the end of a past date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.shared.actor import Actor
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.view_cache import OwnershipViews
from usecases.captable.views import CapTableSummary, ClassSummary


@dataclass(frozen=True, slots=True, kw_only=True)
class GetCapTableSummary:
    actor: Actor
    issuer_id: UUID
    as_of: date | None = None


class GetCapTableSummaryHandler:
    def __init__(self, uow: CaptableUnitOfWork, views: OwnershipViews) -> None:
        self._uow = uow
        self._views = views

    async def execute(self, cmd: GetCapTableSummary) -> CapTableSummary:
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            table = await self._views.totals(uow, issuer, cmd.as_of)
            classes = {c.id: c for c in await uow.share_classes.of_issuer(issuer.id)}
        return CapTableSummary(
            issuer=issuer,
            as_of=cmd.as_of,
            event_sequence=issuer.event_sequence,
            classes=tuple(ClassSummary(classes[t.stock_class_id], t) for t in table.classes),
            outstanding=table.outstanding,
            fully_diluted=table.fully_diluted,
            stakeholders_holding=table.holders,
        )
