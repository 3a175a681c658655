"""Use case: my whole private portfolio in one call: per currency, the totals, multiples,
pooled net IRR, allocation (kind, sector, geography, vintage) and concentration; and each
investment's own figures, the same as its metrics endpoint gives."""

from __future__ import annotations

from dataclasses import dataclass

from domain.portfolio.investment import Investment
from domain.portfolio.performance import (
    CurrencySummary,
    Performance,
    Sums,
    performances,
    summaries,
)
from domain.shared.actor import Actor
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPortfolioSummary:
    actor: Actor


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    currencies: list[CurrencySummary]
    investments: list[tuple[Investment, Performance]]


class GetPortfolioSummaryHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetPortfolioSummary) -> PortfolioSummary:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            investments = await uow.investments.of_owner(owner)
            sums = await uow.activities.sums([i.id for i in investments])
        holdings = [(inv, sums.get(inv.id, Sums())) for inv in investments]
        each = performances(holdings)
        return PortfolioSummary(
            currencies=summaries(holdings),
            investments=list(zip(investments, each, strict=True)),
        )
