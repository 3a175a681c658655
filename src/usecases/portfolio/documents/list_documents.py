"""Use case: the documents attached to one of my investments, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.documents import InvestmentDocument
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListInvestmentDocuments:
    actor: Actor
    investment_id: UUID
    page: PageRequest


class ListInvestmentDocumentsHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListInvestmentDocuments) -> Page[InvestmentDocument]:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id)
            return await uow.documents.page(investment.id, cmd.page)
