"""The stylized facts of a price series: log returns, their excess kurtosis (fat tails: above 0)
and their autocorrelation (raw returns near 0, absolute returns clearly above: volatility
clustering)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from decimal import Decimal


def log_returns(prices: Sequence[Decimal | float]) -> list[float]:
    values = [float(p) for p in prices]
    return [math.log(b / a) for a, b in itertools.pairwise(values)]


def excess_kurtosis(values: Sequence[float]) -> float:
    n = len(values)
    mean = sum(values) / n
    m2 = sum((v - mean) ** 2 for v in values) / n
    m4 = sum((v - mean) ** 4 for v in values) / n
    return m4 / (m2 * m2) - 3.0


def autocorrelation(values: Sequence[float], lag: int = 1) -> float:
    n = len(values)
    mean = sum(values) / n
    denominator = sum((v - mean) ** 2 for v in values)
    numerator = sum((values[i] - mean) * (values[i + lag] - mean) for i in range(n - lag))
    return numerator / denominator
