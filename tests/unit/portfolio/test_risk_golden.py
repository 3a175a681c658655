"""The brokerage risk metrics give empyrical's figures on the shared vectors (daily returns,
252 a year, NaN dropped), and the time-weighted return ignores external flows."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest

from domain.portfolio.errors import EmptyReturnSeries
from domain.portfolio.risk import (
    annual_volatility,
    cumulative_return,
    max_drawdown,
    risk_metrics,
    sharpe_ratio,
    sortino_ratio,
    value_at_risk,
)
from domain.portfolio.twr import Observation, time_weighted_return

RETURNS = [math.nan, 0.01, 0.10, -0.04, 0.02, 0.03, 0.02, 0.01, -0.10]


def test_empyrical_vectors() -> None:
    assert sharpe_ratio(RETURNS) == pytest.approx(1.7238613961706866, rel=1e-12)
    assert sortino_ratio(RETURNS) == pytest.approx(2.605531251673693, rel=1e-12)
    assert annual_volatility(RETURNS) == pytest.approx(0.9136465399704637, rel=1e-12)
    assert max_drawdown(RETURNS) == pytest.approx(-0.1, rel=1e-12)
    assert cumulative_return(RETURNS) == pytest.approx(0.03893, abs=5e-6)


def test_historical_var_is_the_interpolated_fifth_percentile() -> None:
    # Sorted: -0.10, -0.04, 0.01, ... ; position 0.05 * 7 = 0.35 between the two lowest.
    assert value_at_risk(RETURNS) == pytest.approx(-0.10 + 0.35 * 0.06, rel=1e-12)


def test_a_loss_on_the_first_day_counts_as_drawdown() -> None:
    assert max_drawdown([-0.2, 0.1]) == pytest.approx(-0.2)


def test_flat_returns_have_no_sharpe_or_sortino_rather_than_infinity() -> None:
    metrics = risk_metrics([0.01, 0.01, 0.01])
    assert metrics.sharpe is None
    assert metrics.sortino is None
    assert metrics.observations == 3


def test_no_returns_is_refused() -> None:
    with pytest.raises(EmptyReturnSeries):
        risk_metrics([math.nan])


def test_twr_links_sub_periods_at_external_flows() -> None:
    # 100 grows to 110 (+10%); a deposit of 90 makes 200, which falls to 190 (-5%).
    points = [
        Observation(date(2024, 1, 1), Decimal(0), Decimal(100)),
        Observation(date(2024, 2, 1), Decimal(100)),
        Observation(date(2024, 3, 1), Decimal(110), Decimal(90)),
        Observation(date(2024, 4, 1), Decimal(190)),
    ]
    assert time_weighted_return(points) == Decimal("1.10") * Decimal("0.95") - 1


def test_a_deposit_alone_is_no_return() -> None:
    points = [
        Observation(date(2024, 1, 1), Decimal(100), Decimal(1000)),
        Observation(date(2024, 2, 1), Decimal(1100)),
    ]
    assert time_weighted_return(points) == 0
