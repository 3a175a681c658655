"""Use case: the cap table's totals (cached): each class's authorized, outstanding and fully
diluted shares, now or at the end of a past date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from domain.captable.stock_plan import StockPlan
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
            classes = {c.id: c for c in await uow.share_classes.of_issuer(issuer.id)}
            table = await self._views.totals(uow, issuer, cmd.as_of, classes)
            reserved = plan_reserves(await uow.stock_plans.of_issuer(issuer.id), cmd.as_of)
        return CapTableSummary(
            issuer=issuer,
            as_of=cmd.as_of,
            event_sequence=issuer.event_sequence,
            classes=tuple(ClassSummary(classes[t.stock_class_id], t) for t in table.classes),
            outstanding=table.outstanding,
            fully_diluted=table.fully_diluted + reserved,
            stakeholders_holding=table.holders,
            plan_reserved=reserved,
        )


def plan_reserves(plans: Iterable[StockPlan], as_of: date | None) -> Decimal:
    """The shares the stock plans reserve for grants, counted fully diluted: every plan's
    ``initial_shares_reserved`` (the cap table records no grants, so none of a reserve is
    used), on a past date only the plans the board had approved by then (undated: always)."""
    return sum(
        (
            p.initial_shares_reserved
            for p in plans
            if as_of is None or p.board_approval_date is None or p.board_approval_date <= as_of
        ),
        Decimal(0),
    )
