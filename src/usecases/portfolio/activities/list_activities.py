"""Use case: the capital activities of one of my investments, by date."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.activity import Activity
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListActivities:
    actor: Actor
    investment_id: UUID
    page: PageRequest


class ListActivitiesHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListActivities) -> Page[Activity]:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id)
            return await uow.activities.page(investment.id, cmd.page)
