"""The fair-value process alone, a few thousand steps with fixed seeds: its returns have fat
tails (positive excess kurtosis) and clustered volatility (absolute returns autocorrelate at
lag 1 more than raw returns do); every price it gives is on the tick grid and inside the band."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from domain.marketdata.simulation.fair_value import FairValueProcess
from domain.marketdata.simulation.grid import PriceGrid
from domain.marketdata.simulation.statistics import autocorrelation, excess_kurtosis, log_returns
from domain.marketdata.simulation.volatility import BY_ASSET_CLASS

STEPS = 4000
SEEDS = (1, 7, 42, 2024, 99991)
CASES = [  # asset class, start price, tick
    ("crypto", "60000.00", "0.01"),
    ("crypto", "0.3500", "0.0001"),
    ("stock", "230.00", "0.01"),
    ("etf", "570.00", "0.01"),
    ("bond", "98.50", "0.01"),
]


def wide_grid(tick: str) -> PriceGrid:
    return PriceGrid(
        tick_size=Decimal(tick), lot_size=Decimal(1), low=Decimal(tick), high=Decimal(10**9)
    )


def series(asset_class: str, start: str, tick: str, seed: int) -> list[Decimal]:
    process = FairValueProcess(Decimal(start), BY_ASSET_CLASS[asset_class], random.Random(seed))
    return [Decimal(start), *process.path(STEPS, wide_grid(tick))]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("asset_class", "start", "tick"), CASES)
def test_returns_are_fat_tailed_and_their_volatility_clusters(
    asset_class: str, start: str, tick: str, seed: int
) -> None:
    returns = log_returns(series(asset_class, start, tick, seed))
    assert excess_kurtosis(returns) > 0
    absolute = [abs(r) for r in returns]
    assert autocorrelation(absolute, 1) > autocorrelation(returns, 1)
    assert autocorrelation(absolute, 1) > 0.03  # clearly clustered, not noise


def test_a_gaussian_random_walk_shows_neither_fact() -> None:
    """The test can fail: i.i.d. normal returns have no excess kurtosis to speak of and no
    autocorrelation of their size."""
    rng = random.Random(5)
    returns = [rng.gauss(0.0, 0.001) for _ in range(STEPS)]
    assert abs(excess_kurtosis(returns)) < 0.3
    assert abs(autocorrelation([abs(r) for r in returns], 1)) < 0.05


def test_crypto_moves_more_than_equities_and_bonds_least() -> None:
    def spread(asset_class: str) -> float:
        returns = log_returns(series(asset_class, "100.00", "0.0001", 3))
        return sum(r * r for r in returns) / len(returns)

    assert spread("crypto") > spread("stock") > spread("etf") > spread("bond")


def test_the_same_seed_gives_the_same_path() -> None:
    assert series("crypto", "2500.00", "0.01", 11) == series("crypto", "2500.00", "0.01", 11)
    assert series("crypto", "2500.00", "0.01", 11) != series("crypto", "2500.00", "0.01", 12)


def test_prices_leave_the_process_on_the_tick_and_inside_the_band() -> None:
    grid = PriceGrid(
        tick_size=Decimal("0.05"),
        lot_size=Decimal(1),
        low=Decimal("95.00"),
        high=Decimal("105.00"),
    )
    process = FairValueProcess(Decimal("100.00"), BY_ASSET_CLASS["crypto"], random.Random(8))
    prices = process.path(3000, grid)
    assert all(isinstance(p, Decimal) for p in prices)
    assert all(p % grid.tick_size == 0 for p in prices)
    assert all(grid.low <= p <= grid.high for p in prices)
    assert {grid.low, grid.high} & set(prices)  # the walk reached the band and was held in
