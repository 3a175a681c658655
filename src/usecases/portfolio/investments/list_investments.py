"""Use case: my investments, oldest first."""

from __future__ import annotations

from dataclasses import dataclass

from domain.portfolio.investment import Investment
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListInvestments:
    actor: Actor
    page: PageRequest


class ListInvestmentsHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListInvestments) -> Page[Investment]:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.investments.page(owner, cmd.page)
