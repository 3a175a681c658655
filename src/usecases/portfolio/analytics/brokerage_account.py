"""The brokerage account as the portfolio shows it: trading's positions and fills (through
trading's public port) and the daily prices (``PriceHistory``) turned into one section per
currency (``domain/portfolio/brokerage.py``). The dashboard, the value chart and the quarterly
statement read it the same way."""

from __future__ import annotations

from datetime import UTC

from domain.portfolio.brokerage import BrokerageSection, Trade, sections, valued
from domain.shared.ids import UserId
from usecases.portfolio.ports import PriceHistory
from usecases.trading.public.holdings import BrokerageHoldings, TradeFill


def _trade(fill: TradeFill) -> Trade:
    buy = fill.side == "buy"
    return Trade(
        instrument_id=fill.instrument_id,
        currency=fill.currency,
        on=fill.at.astimezone(UTC).date(),
        quantity=fill.quantity if buy else -fill.quantity,
        price=fill.price,
        flow=fill.cash + fill.fee if buy else -(fill.cash - fill.fee),
    )


async def brokerage_sections(
    holdings: BrokerageHoldings, prices: PriceHistory, user: UserId
) -> list[BrokerageSection]:
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
    return sections(positions, trades, daily)
