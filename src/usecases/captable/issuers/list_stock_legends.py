"""Use case: an issuer's stock legend templates, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.legend import StockLegend
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListStockLegends:
    actor: Actor
    issuer_id: UUID
    page: PageRequest


class ListStockLegendsHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListStockLegends) -> Page[StockLegend]:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await uow.stock_legends.page(issuer.id, cmd.page)
