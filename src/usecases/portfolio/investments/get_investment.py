"""Use case: one of my investments."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.investment import Investment
from domain.shared.actor import Actor
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetInvestment:
    actor: Actor
    investment_id: UUID


class GetInvestmentHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetInvestment) -> Investment:
        async with self._uow as uow:
            return await own_investment(uow, cmd.actor, cmd.investment_id)
