"""Use case: what I own in one currency over time, month end by month end: my private
investments' NAV and my brokerage account's value (the data of the value chart). One currency
at a time: currencies are never summed together."""

from __future__ import annotations

from dataclasses import dataclass

from domain.portfolio.errors import CurrencyNotHeld
from domain.portfolio.value_history import ValuePoint, value_history
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.analytics.brokerage_account import brokerage_sections
from usecases.portfolio.ports import PortfolioUnitOfWork, PriceHistory
from usecases.trading.public.holdings import BrokerageHoldings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetValueHistory:
    actor: Actor
    currency: str


@dataclass(frozen=True, slots=True)
class ValueHistory:
    currency: str
    points: list[ValuePoint]


class GetValueHistoryHandler:
    def __init__(
        self,
        uow: PortfolioUnitOfWork,
        brokerage: BrokerageHoldings,
        prices: PriceHistory,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._brokerage = brokerage
        self._prices = prices
        self._clock = clock

    async def execute(self, cmd: GetValueHistory) -> ValueHistory:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            investments = [
                i for i in await uow.investments.of_owner(owner) if i.currency == cmd.currency
            ]
            activities = await uow.activities.of_investments([i.id for i in investments])
        accounts = [
            s
            for s in await brokerage_sections(self._brokerage, self._prices, owner)
            if s.currency == cmd.currency
        ]
        if not investments and not accounts:
            raise CurrencyNotHeld(cmd.currency)
        series = accounts[0].series if accounts else []
        private = [(i, activities.get(i.id, [])) for i in investments]
        today = self._clock.now().date()
        return ValueHistory(cmd.currency, value_history(private, series, today))
