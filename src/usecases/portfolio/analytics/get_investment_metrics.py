"""Use case: the figures of one of my investments (totals, NAV, multiples, net IRR or why
there is none), and its public-market equivalents against one of my index series if I name
one."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.errors import IndexSeriesNotFound
from domain.portfolio.investment import Investment
from domain.portfolio.performance import (
    Performance,
    Sums,
    performances,
    public_market_equivalent,
)
from domain.portfolio.pme import IndexSeries
from domain.shared.actor import Actor
from usecases.portfolio.access import own_investment
from usecases.portfolio.analytics.index_series import series_name
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetInvestmentMetrics:
    actor: Actor
    investment_id: UUID
    index: str | None = None


@dataclass(frozen=True, slots=True)
class InvestmentMetrics:
    investment: Investment
    performance: Performance


class GetInvestmentMetricsHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetInvestmentMetrics) -> InvestmentMetrics:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id)
            sums = (await uow.activities.sums([investment.id])).get(investment.id, Sums())
            pme = None
            if cmd.index is not None:
                levels = await uow.index_series.levels(investment.owner_id, series_name(cmd.index))
                if not levels:
                    raise IndexSeriesNotFound(cmd.index)
                activities = await uow.activities.of_investments([investment.id])
                pme = public_market_equivalent(
                    activities.get(investment.id, []), cmd.index, IndexSeries(levels)
                )
        [performance] = performances([(investment, sums)], pme)
        return InvestmentMetrics(investment, performance)
