"""Use case: I remove an investment I recorded, with its activities."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteInvestment:
    actor: Actor
    investment_id: UUID


class DeleteInvestmentHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: DeleteInvestment) -> None:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            await uow.investments.remove(investment.id)
            uow.audit(
                AuditRecord(
                    action="portfolio.delete_investment",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    before={"name": investment.name},
                )
            )
            await uow.commit()
