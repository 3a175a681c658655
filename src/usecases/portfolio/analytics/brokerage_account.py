"""The brokerage account as the portfolio shows it: trading's positions and fills (through
trading's public port) and the daily prices (``PriceHistory``) turned into one section per
currency (``domain/portfolio/brokerage.py``). The dashboard, the value chart and the quarterly
statement read it the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from decimal import Decimal
from uuid import UUID

from domain.portfolio.brokerage import BrokerageSection, Trade, sections, valued
from domain.shared.ids import UserId
from usecases.portfolio.ports import PriceHistory
from usecases.trading.public.holdings import BrokerageHoldings, TradeFill


def _trade(fill: TradeFill) -> Trade:
    buy = fill.side == "buy"
    return Trade(
        instrument_id=fill.instrument_id,
        symbol=fill.symbol,
        currency=fill.currency,
        on=fill.at.astimezone(UTC).date(),
        quantity=fill.quantity if buy else -fill.quantity,
        price=fill.price,
        flow=fill.cash + fill.fee if buy else -(fill.cash - fill.fee),
    )


@dataclass(frozen=True, slots=True)
class BrokerageAccountView:
    sections: list[BrokerageSection]  # one per currency
    trades: list[Trade]  # oldest first
    prices: dict[UUID, list[tuple[date, Decimal]]]  # the daily prices of what was traded


async def brokerage_sections(
    holdings: BrokerageHoldings, prices: PriceHistory, user: UserId
) -> list[BrokerageSection]:
    return (await brokerage_account(holdings, prices, user)).sections


async def brokerage_account(
    holdings: BrokerageHoldings, prices: PriceHistory, user: UserId
) -> BrokerageAccountView:
    account = await holdings.account(user)
    trades = [_trade(f) for f in account.fills]
    daily = (
        await prices.daily_prices({t.instrument_id for t in trades}, min(t.on for t in trades))
        if trades
        else {}
    )
    positions = [
        valued(
            instrument_id=p.instrument_id,
            symbol=p.symbol,
            currency=p.currency,
            quantity=p.quantity,
            average_cost=p.average_cost,
            cost_basis=p.cost_basis,
            realized_pnl=p.realized_pnl,
            last_price=p.last_price,
        )
        for p in account.positions
    ]
    return BrokerageAccountView(sections(positions, trades, daily), trades, daily)
