"""The brokerage account on the dashboard, one section per currency (never summed together):
the open positions valued at their instrument's last price, the unrealised and realised P&L,
and the performance figures over a daily value series.

* The value series: for every UTC day from the first trade on which one of the currency's
  instruments traded (or the user traded), the quantity each trade left held times the
  instrument's price that day (the day's last trade price, the latest before it otherwise).
  External flows are the user's trades: a buy puts its cash and fee in, a sale takes out its
  cash less its fee. Securities that reached the account another way are not in the series.
* Daily returns: a day's flow counts at its end, ``r_d = (V_d - F_d) / V_(d-1) - 1``; money
  put into an account that held nothing the day before counts at the start,
  ``r_d = V_d / F_d - 1``; a day with nothing invested and nothing put in has no return.
* The time-weighted return links the daily returns geometrically (so it is linked at every
  external flow); volatility, Sharpe (ddof 1), Sortino, maximum drawdown and historical VaR
  95 % are ``risk.py``'s over the same daily returns.
* Too short a series gives null figures with a reason: ``no_trades`` (nothing traded yet) or
  ``too_few_returns`` (fewer than ``MIN_RETURNS`` daily returns: the time-weighted return is
  there from one, the risk figures are not)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final
from uuid import UUID

from domain.portfolio.risk import risk_metrics
from domain.portfolio.xirr import WIDE  # room for any float at 12 places
from domain.shared.money import Currency

ZERO: Final = Decimal(0)
PLACES: Final = Decimal("1e-12")
MIN_RETURNS: Final = 2
AVERAGE_PLACES: Final = Decimal("1e-10")  # a price a unit keeps 10 places


@dataclass(frozen=True, slots=True, kw_only=True)
class Trade:
    """One of the user's fills, as the account sees it: ``flow`` is the cash it put in
    (positive, a buy's cash and fee) or took out (negative, a sale's cash less its fee)."""

    instrument_id: UUID
    symbol: str
    currency: str
    on: date
    quantity: Decimal  # bought positive, sold negative
    price: Decimal
    flow: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionValue:
    instrument_id: UUID
    symbol: str
    currency: str
    quantity: Decimal
    average_cost: Decimal | None
    cost_basis: Decimal
    last_price: Decimal
    market_value: Decimal
    unrealized_pnl: Decimal
    realized_pnl: Decimal


@dataclass(frozen=True, slots=True)
class DayValue:
    on: date
    value: Decimal  # at the end of the day
    flow: Decimal  # put in (positive) or taken out (negative) that day


@dataclass(frozen=True, slots=True)
class BrokerageFigures:
    observations: int  # daily returns
    start: date | None
    end: date | None
    time_weighted_return: Decimal | None
    annual_volatility: Decimal | None
    sharpe: Decimal | None
    sortino: Decimal | None
    max_drawdown: Decimal | None
    value_at_risk_95: Decimal | None
    reason: str | None  # why figures are null: ``no_trades``, ``too_few_returns``


@dataclass(frozen=True, slots=True)
class BrokerageSection:
    currency: str
    positions: list[PositionValue]
    market_value: Decimal
    cost_basis: Decimal
    unrealized_pnl: Decimal
    realized_pnl: Decimal  # of the open positions
    figures: BrokerageFigures
    series: list[DayValue]


def rounded(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Currency(currency).quantum, ROUND_HALF_EVEN)


def value_series(
    trades: Sequence[Trade], prices: Mapping[UUID, Sequence[tuple[date, Decimal]]]
) -> list[DayValue]:
    """The account's value at the end of each day something traded, from its first trade."""
    if not trades:
        return []
    first = min(t.on for t in trades)
    held = {t.instrument_id for t in trades}
    by_day: dict[date, list[Trade]] = {}
    for trade in trades:
        by_day.setdefault(trade.on, []).append(trade)
    day_prices: dict[date, dict[UUID, Decimal]] = {}
    for instrument_id, series in prices.items():
        if instrument_id in held:
            for on, close in series:
                if on >= first:
                    day_prices.setdefault(on, {})[instrument_id] = close
    quantity: dict[UUID, Decimal] = {}
    price: dict[UUID, Decimal] = {}
    points = []
    for on in sorted(by_day.keys() | day_prices.keys()):
        flow = ZERO
        for trade in by_day.get(on, ()):
            quantity[trade.instrument_id] = max(
                quantity.get(trade.instrument_id, ZERO) + trade.quantity, ZERO
            )
            price[trade.instrument_id] = trade.price
            flow += trade.flow
        price.update(day_prices.get(on, {}))
        value = sum((q * price[i] for i, q in quantity.items() if q), ZERO)
        points.append(DayValue(on, value, flow))
    return points


def daily_returns(points: Sequence[DayValue]) -> list[tuple[date, Decimal]]:
    returns = []
    before = ZERO
    for point in points:
        if before > 0:
            returns.append((point.on, (point.value - point.flow) / before - 1))
        elif point.flow > 0:
            returns.append((point.on, point.value / point.flow - 1))
        before = point.value
    return returns


def _linked(returns: Sequence[Decimal]) -> Decimal:
    """Returns linked geometrically: prod(1 + r) - 1, 12 places."""
    growth = Decimal(1)
    for r in returns:
        growth *= 1 + r
    return (growth - 1).quantize(PLACES, context=WIDE)


def _ratio(value: float | None) -> Decimal | None:
    if value is None or not math.isfinite(value):
        return None
    return Decimal(repr(value)).quantize(PLACES, context=WIDE)


def figures_of(points: Sequence[DayValue]) -> BrokerageFigures:
    returns = daily_returns(points)
    if not returns:
        reason = "no_trades" if not points else "too_few_returns"
        return BrokerageFigures(0, None, None, None, None, None, None, None, None, reason)
    twr = _linked([r for _, r in returns])
    start, end = returns[0][0], returns[-1][0]
    if len(returns) < MIN_RETURNS:
        return BrokerageFigures(
            len(returns), start, end, twr, None, None, None, None, None, "too_few_returns"
        )
    metrics = risk_metrics([float(r) for _, r in returns])
    return BrokerageFigures(
        observations=metrics.observations,
        start=start,
        end=end,
        time_weighted_return=twr,
        annual_volatility=_ratio(metrics.annual_volatility),
        sharpe=_ratio(metrics.sharpe),
        sortino=_ratio(metrics.sortino),
        max_drawdown=_ratio(metrics.max_drawdown),
        value_at_risk_95=_ratio(metrics.value_at_risk_95),
        reason=None,
    )


def sections(
    positions: Sequence[PositionValue],
    trades: Sequence[Trade],
    prices: Mapping[UUID, Sequence[tuple[date, Decimal]]],
) -> list[BrokerageSection]:
    """One section per currency the user holds or traded in, alphabetical."""
    currencies = sorted({p.currency for p in positions} | {t.currency for t in trades})
    found = []
    for currency in currencies:
        mine = [p for p in positions if p.currency == currency]
        series = value_series([t for t in trades if t.currency == currency], prices)
        found.append(
            BrokerageSection(
                currency=currency,
                positions=mine,
                market_value=sum((p.market_value for p in mine), ZERO),
                cost_basis=sum((p.cost_basis for p in mine), ZERO),
                unrealized_pnl=sum((p.unrealized_pnl for p in mine), ZERO),
                realized_pnl=sum((p.realized_pnl for p in mine), ZERO),
                figures=figures_of(series),
                series=series,
            )
        )
    return found


def valued(
    *,
    instrument_id: UUID,
    symbol: str,
    currency: str,
    quantity: Decimal,
    average_cost: Decimal | None,
    cost_basis: Decimal,
    realized_pnl: Decimal,
    last_price: Decimal,
) -> PositionValue:
    """A position at its last price, money at the currency's minor units (as trading shows it:
    the unrealised P&L is the exact value less the cost basis, rounded once)."""
    exact = quantity * last_price
    return PositionValue(
        instrument_id=instrument_id,
        symbol=symbol,
        currency=currency,
        quantity=quantity,
        average_cost=None
        if average_cost is None
        else average_cost.quantize(AVERAGE_PLACES, context=WIDE),
        cost_basis=rounded(cost_basis, currency),
        last_price=last_price,
        market_value=rounded(exact, currency),
        unrealized_pnl=rounded(exact - cost_basis, currency),
        realized_pnl=rounded(realized_pnl, currency),
    )


@dataclass(frozen=True, slots=True)
class HeldOn:
    """A position as the trades left it on a day, at that day's price."""

    symbol: str
    currency: str
    quantity: Decimal
    price: Decimal
    value: Decimal


def held_on(
    trades: Sequence[Trade], prices: Mapping[UUID, Sequence[tuple[date, Decimal]]], on: date
) -> list[HeldOn]:
    """The positions the trades up to ``on`` built, each at its latest price on or before it
    (a trade's own price counts), by symbol."""
    quantity: dict[UUID, Decimal] = {}
    price: dict[UUID, tuple[date, Decimal]] = {}
    named: dict[UUID, Trade] = {}
    for trade in sorted((t for t in trades if t.on <= on), key=lambda t: t.on):
        quantity[trade.instrument_id] = max(
            quantity.get(trade.instrument_id, ZERO) + trade.quantity, ZERO
        )
        price[trade.instrument_id] = (trade.on, trade.price)
        named[trade.instrument_id] = trade
    for instrument_id, series in prices.items():
        for day, close in series:
            known = price.get(instrument_id)
            if instrument_id in quantity and day <= on and (known is None or day >= known[0]):
                price[instrument_id] = (day, close)
    found = [
        HeldOn(
            named[i].symbol,
            named[i].currency,
            q,
            price[i][1],
            rounded(q * price[i][1], named[i].currency),
        )
        for i, q in quantity.items()
        if q > 0
    ]
    return sorted(found, key=lambda h: h.symbol)


def period_return(points: Sequence[DayValue], start: date, end: date) -> Decimal | None:
    """The daily returns from ``start`` to ``end`` linked geometrically; None without any."""
    returns = [r for on, r in daily_returns(points) if start <= on <= end]
    return _linked(returns) if returns else None
