"""Use case: everything I own in one call. My private portfolio per currency (the totals,
multiples, pooled net IRR, allocation by kind, sector, geography and vintage, concentration)
and each investment's own figures, the same as its metrics endpoint gives; my brokerage
account per currency (positions at their last price, P&L, time-weighted return and risk
figures); and the shares I hold in companies on the platform. Currencies are never summed
together."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.portfolio.brokerage import BrokerageSection, rounded
from domain.portfolio.investment import Investment
from domain.portfolio.performance import (
    CurrencySummary,
    Performance,
    Sums,
    portfolio_figures,
)
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.captable.public import ShareHolding, ShareHoldings
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.analytics.brokerage_account import brokerage_sections
from usecases.portfolio.ports import PortfolioUnitOfWork, PriceHistory
from usecases.trading.public.holdings import BrokerageHoldings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPortfolioSummary:
    actor: Actor


@dataclass(frozen=True, slots=True)
class CompanyHolding:
    """Shares held in a company on the platform; ``value`` is the quantity at the last price
    per share, None when the cap table has no price for the class."""

    holding: ShareHolding
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    currencies: list[CurrencySummary]
    investments: list[tuple[Investment, Performance]]
    brokerage: list[BrokerageSection]
    companies: list[CompanyHolding]


def company_holding(holding: ShareHolding) -> CompanyHolding:
    price = holding.last_price_per_share
    value = None if price is None else rounded(holding.quantity * price, holding.currency)
    return CompanyHolding(holding, value)


class GetPortfolioSummaryHandler:
    def __init__(
        self,
        uow: PortfolioUnitOfWork,
        brokerage: BrokerageHoldings,
        prices: PriceHistory,
        shares: ShareHoldings,
    ) -> None:
        self._uow = uow
        self._brokerage = brokerage
        self._prices = prices
        self._shares = shares

    async def _private(self, owner: UserId) -> tuple[list[Investment], dict[UUID, Sums]]:
        async with self._uow as uow:
            investments = await uow.investments.of_owner(owner)
            sums = await uow.activities.sums([i.id for i in investments])
        return investments, sums

    async def execute(self, cmd: GetPortfolioSummary) -> PortfolioSummary:
        owner = signed_in_user(cmd.actor)
        (investments, sums), brokerage, shares = await asyncio.gather(
            self._private(owner),
            brokerage_sections(self._brokerage, self._prices, owner),
            self._shares.of_user(owner),
        )
        holdings = [(inv, sums.get(inv.id, Sums())) for inv in investments]
        each, currencies = portfolio_figures(holdings)
        return PortfolioSummary(
            currencies=currencies,
            investments=list(zip(investments, each, strict=True)),
            brokerage=brokerage,
            companies=[company_holding(h) for h in shares],
        )
