"""An instrument's fair value: a GARCH(1,1) log-price process with Student-t shocks.

Each ``step`` draws one log return ``drift - var / 2 + sqrt(var) * z`` with ``z`` a unit-
variance Student-t and ``var`` the GARCH variance of that step, so returns are fat-tailed and
their size clusters. The process runs in floats (seeded ``random.Random``: the same seed gives
the same path); what leaves it is a ``Decimal`` on the instrument's grid and inside its band
(``price``)."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from domain.marketdata.simulation.grid import PriceGrid
from domain.marketdata.simulation.shocks import student_t
from domain.marketdata.simulation.volatility import GarchParameters


class FairValueProcess:
    def __init__(self, start: Decimal, parameters: GarchParameters, rng: random.Random) -> None:
        if start <= 0:
            raise ValueError("a fair value starts above zero")
        self._log_value = math.log(float(start))
        self._parameters = parameters
        self._rng = rng
        self._variance = parameters.step_volatility**2
        self._last_shock = 0.0  # the last step's return less its mean

    @property
    def value(self) -> float:
        return math.exp(self._log_value)

    @property
    def volatility(self) -> float:
        """The standard deviation of the next step's log return."""
        p = self._parameters
        return math.sqrt(p.omega + p.alpha * self._last_shock**2 + p.beta * self._variance)

    def step(self) -> float:
        """Move one step; the step's log return."""
        p = self._parameters
        self._variance = p.omega + p.alpha * self._last_shock**2 + p.beta * self._variance
        shock = math.sqrt(self._variance) * student_t(self._rng, p.nu)
        log_return = p.drift - self._variance / 2.0 + shock
        self._last_shock = shock
        self._log_value += log_return
        return log_return

    def price(self, grid: PriceGrid) -> Decimal:
        """The fair value on the grid (nearest tick) and inside the band."""
        return grid.price(self.value)

    def path(self, steps: int, grid: PriceGrid) -> list[Decimal]:
        """The prices of the next ``steps`` steps, as they leave the process."""
        prices = []
        for _ in range(steps):
            self.step()
            prices.append(self.price(grid))
        return prices
