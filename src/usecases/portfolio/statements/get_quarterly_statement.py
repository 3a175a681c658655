"""Use case: my statement of a quarter as a PDF. Every figure is as of the quarter's end (or
today, for the quarter under way): each private investment's and each currency's totals,
multiples and net IRR from the activities up to then, the quarter's capital activities, the
brokerage positions the trades up to then left at that day's price, the quarter's trades, and
the brokerage account's return over the quarter and since its first trade with its risk
figures. Currencies are never summed together."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.portfolio.activity import Activity
from domain.portfolio.brokerage import (
    BrokerageSection,
    figures_of,
    held_on,
    period_return,
    rounded,
)
from domain.portfolio.investment import Investment
from domain.portfolio.performance import Performance, portfolio_figures, sums_of
from domain.portfolio.quarter import Quarter
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.analytics.brokerage_account import brokerage_account
from usecases.portfolio.ports import PortfolioUnitOfWork, PriceHistory
from usecases.portfolio.statements.rendering import (
    BrokerageLine,
    FiguresLine,
    MovementLine,
    QuarterlyStatementSheet,
    StatementRenderer,
)
from usecases.trading.public.holdings import BrokerageHoldings


@dataclass(frozen=True, slots=True, kw_only=True)
class GetQuarterlyStatement:
    actor: Actor
    quarter: str  # "2026-Q3"


@dataclass(frozen=True, slots=True)
class QuarterlyStatement:
    quarter: Quarter
    pdf: bytes


def _figures(label: str, performance: Performance) -> FiguresLine:
    t = performance.totals
    return FiguresLine(
        label=label,
        currency=t.currency,
        paid_in=t.paid_in,
        distributed=t.distributed,
        nav=t.nav,
        tvpi=t.multiples.tvpi,
        dpi=t.multiples.dpi,
        irr=performance.irr.rate,
        irr_reason=performance.irr.reason,
    )


def _brokerage(section: BrokerageSection, quarter: Quarter) -> BrokerageLine:
    series = [p for p in section.series if p.on <= quarter.end]
    figures = figures_of(series)
    return BrokerageLine(
        currency=section.currency,
        value=rounded(series[-1].value if series else Decimal(0), section.currency),
        quarter_return=period_return(series, quarter.start, quarter.end),
        since_start=figures.time_weighted_return,
        annual_volatility=figures.annual_volatility,
        sharpe=figures.sharpe,
        max_drawdown=figures.max_drawdown,
        value_at_risk_95=figures.value_at_risk_95,
        reason=figures.reason,
    )


class GetQuarterlyStatementHandler:
    def __init__(
        self,
        uow: PortfolioUnitOfWork,
        brokerage: BrokerageHoldings,
        prices: PriceHistory,
        renderer: StatementRenderer,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._brokerage = brokerage
        self._prices = prices
        self._renderer = renderer
        self._clock = clock

    async def execute(self, cmd: GetQuarterlyStatement) -> QuarterlyStatement:
        owner = signed_in_user(cmd.actor)
        now = self._clock.now()
        quarter = Quarter.parse(cmd.quarter, now.date())
        async with self._uow as uow:
            investments = await uow.investments.of_owner(owner)
            activities = await uow.activities.of_investments([i.id for i in investments])
        held: list[tuple[Investment, list[Activity]]] = [
            (i, [a for a in activities.get(i.id, []) if a.occurred_on <= quarter.end])
            for i in investments
            if i.start_date <= quarter.end
        ]
        holdings = [(i, sums_of(acts)) for i, acts in held]
        each, currencies = portfolio_figures(holdings)
        account = await brokerage_account(self._brokerage, self._prices, owner)
        trades = [t for t in account.trades if quarter.start <= t.on <= quarter.end]
        sheet = QuarterlyStatementSheet(
            quarter=quarter.label,
            start=quarter.start,
            end=quarter.end,
            generated_at=now,
            currencies=[_figures(f"All {c.currency}", c.performance) for c in currencies],
            investments=[_figures(i.name, p) for (i, _), p in zip(holdings, each, strict=True)],
            activities=sorted(
                (
                    MovementLine(a.occurred_on, i.name, a.kind.value, a.amount, a.currency)
                    for i, acts in held
                    for a in acts
                    if a.occurred_on >= quarter.start
                ),
                key=lambda m: (m.on, m.what),
            ),
            brokerage=[_brokerage(s, quarter) for s in account.sections],
            positions=held_on(account.trades, account.prices, quarter.end),
            trades=[
                MovementLine(
                    t.on, t.symbol, "buy" if t.quantity > 0 else "sell", abs(t.flow), t.currency
                )
                for t in trades
            ],
        )
        return QuarterlyStatement(quarter, await self._renderer.quarterly(sheet))
