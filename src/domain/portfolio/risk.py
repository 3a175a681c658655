"""Risk metrics over a periodic return series, with empyrical's conventions.

Returns are simple returns per period (daily: 252 periods a year); NaN entries are dropped
first. These are ratios, not money, so they are floats in and out.

* annual volatility: sample standard deviation (ddof 1) * sqrt(periods);
* Sharpe: mean(r - rf) / std(r - rf, ddof 1) * sqrt(periods);
* Sortino: mean(r - mar) * periods / downside, where downside = sqrt(mean(min(r - mar, 0)^2))
  * sqrt(periods), the mean taken over all N observations;
* maximum drawdown: the worst fall of cumulative wealth from its running peak, wealth starting
  at 1 before the first return (a first loss counts), as a negative fraction;
* historical VaR: the ``cutoff`` percentile (5% for VaR 95%) of the returns with linear
  interpolation, a negative fraction for a loss;
* cumulative return: prod(1 + r) - 1.

A metric with a zero or undefined denominator is ``None`` (never infinity)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from domain.portfolio.errors import EmptyReturnSeries

DAILY: Final = 252


@dataclass(frozen=True, slots=True)
class RiskMetrics:
    observations: int
    cumulative_return: float
    annual_volatility: float | None
    sharpe: float | None
    sortino: float | None
    max_drawdown: float
    value_at_risk_95: float


def _clean(returns: Sequence[float]) -> NDArray[np.float64]:
    values = np.asarray(returns, dtype=np.float64)
    values = values[~np.isnan(values)]
    if values.size == 0:
        raise EmptyReturnSeries("the return series has no returns")
    return values


def cumulative_return(returns: Sequence[float]) -> float:
    return float(np.prod(1.0 + _clean(returns)) - 1.0)


def annual_volatility(returns: Sequence[float], periods: int = DAILY) -> float | None:
    values = _clean(returns)
    if values.size < 2:
        return None
    return float(np.std(values, ddof=1) * math.sqrt(periods))


def sharpe_ratio(
    returns: Sequence[float], risk_free: float = 0.0, periods: int = DAILY
) -> float | None:
    excess = _clean(returns) - risk_free
    if excess.size < 2:
        return None
    std = float(np.std(excess, ddof=1))
    if std == 0 or not math.isfinite(std):
        return None
    return float(np.mean(excess) / std * math.sqrt(periods))


def sortino_ratio(
    returns: Sequence[float], required: float = 0.0, periods: int = DAILY
) -> float | None:
    excess = _clean(returns) - required
    downside = math.sqrt(float(np.mean(np.minimum(excess, 0.0) ** 2))) * math.sqrt(periods)
    if downside == 0:
        return None
    return float(np.mean(excess) * periods / downside)


def max_drawdown(returns: Sequence[float]) -> float:
    wealth = np.concatenate([[1.0], np.cumprod(1.0 + _clean(returns))])
    peaks = np.maximum.accumulate(wealth)
    return float(np.min((wealth - peaks) / peaks))


def value_at_risk(returns: Sequence[float], cutoff: float = 0.05) -> float:
    return float(np.percentile(_clean(returns), 100 * cutoff, method="linear"))


def risk_metrics(returns: Sequence[float], periods: int = DAILY) -> RiskMetrics:
    values = _clean(returns)
    return RiskMetrics(
        observations=int(values.size),
        cumulative_return=cumulative_return(values.tolist()),
        annual_volatility=annual_volatility(values.tolist(), periods),
        sharpe=sharpe_ratio(values.tolist(), periods=periods),
        sortino=sortino_ratio(values.tolist(), periods=periods),
        max_drawdown=max_drawdown(values.tolist()),
        value_at_risk_95=value_at_risk(values.tolist()),
    )
