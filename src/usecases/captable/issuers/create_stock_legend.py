"""Use case: a company admin adds a stock legend template (OCF ``STOCK_LEGEND_TEMPLATE``),
which issuances then name to print it on their certificates."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.legend import StockLegend
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateStockLegend:
    actor: Actor
    issuer_id: UUID
    name: str
    text: str
    comments: tuple[str, ...] = ()


class CreateStockLegendHandler:
    def __init__(self, uow: CaptableUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateStockLegend) -> StockLegend:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE)
            legend = StockLegend.new(
                issuer_id=issuer.id,
                name=cmd.name,
                text=cmd.text,
                comments=cmd.comments,
                now=self._clock.now(),
            )
            await uow.stock_legends.add_all([legend])
            uow.audit(
                AuditRecord(
                    action="captable.create_stock_legend",
                    actor=cmd.actor,
                    resource_type="stock_legend",
                    resource_id=str(legend.id),
                    after={"issuer_id": str(issuer.id), "name": legend.name},
                )
            )
            await uow.commit()
        return legend
