"""Use case: everything I own in one call. My private portfolio per currency (the totals,
multiples, pooled net IRR, allocation by kind, sector, geography and vintage, concentration)
and each investment's own figures, the same as its metrics endpoint gives; my brokerage
account per currency (positions at their last price, P&L, time-weighted return and risk
figures); and the shares I hold in companies on the platform. Currencies are never summed
together.

The private half is a function of my investments and activities alone: it is rendered once
and cached under my summary version (``summary_cache``), which every write of them moves on.
The brokerage account (trades and prices move it at any time) and the platform companies
(the cap table's) are read live on every call."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal

from domain.portfolio.brokerage import BrokerageSection, rounded
from domain.portfolio.performance import Sums, portfolio_figures
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.captable.public import ShareHolding, ShareHoldings
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.analytics.brokerage_account import brokerage_sections
from usecases.portfolio.analytics.summary_cache import SummaryCache
from usecases.portfolio.ports import PortfolioUnitOfWork, PriceHistory, SummaryRenderer
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
    """``private``: the per-currency sections and every investment's figures, as the
    ``SummaryRenderer`` rendered them (a JSON object of ``currencies`` and ``investments``)."""

    private: bytes
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
        renderer: SummaryRenderer,
        cache: SummaryCache,
    ) -> None:
        self._uow = uow
        self._brokerage = brokerage
        self._prices = prices
        self._shares = shares
        self._renderer = renderer
        self._cache = cache

    async def _private(self, owner: UserId) -> bytes:
        # the version first: figures read after it are at least as new as it says
        async with self._uow as uow:
            version = await uow.summary_versions.current(owner)
        cached = await self._cache.get(owner, version)
        if cached is not None:
            return cached
        async with self._uow as uow:
            investments = await uow.investments.of_owner(owner)
            sums = await uow.activities.sums([i.id for i in investments])
        holdings = [(inv, sums.get(inv.id, EMPTY)) for inv in investments]
        each, currencies = portfolio_figures(holdings)
        body = self._renderer.private_half(currencies, list(zip(investments, each, strict=True)))
        await self._cache.put(owner, version, body)
        return body

    async def execute(self, cmd: GetPortfolioSummary) -> PortfolioSummary:
        owner = signed_in_user(cmd.actor)
        private, brokerage, shares = await asyncio.gather(
            self._private(owner),
            brokerage_sections(self._brokerage, self._prices, owner),
            self._shares.of_user(owner),
        )
        return PortfolioSummary(
            private=private,
            brokerage=brokerage,
            companies=[company_holding(h) for h in shares],
        )


EMPTY = Sums()
