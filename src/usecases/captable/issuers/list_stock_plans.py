"""Use case: an issuer's stock plans, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.stock_plan import StockPlan
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListStockPlans:
    actor: Actor
    issuer_id: UUID
    page: PageRequest


class ListStockPlansHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListStockPlans) -> Page[StockPlan]:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await uow.stock_plans.page(issuer.id, cmd.page)
