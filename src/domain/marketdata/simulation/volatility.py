"""GARCH(1,1) parameters per asset class, per simulation step.

The variance of step ``t``'s log return is ``omega + alpha * e[t-1]**2 + beta * var[t-1]``:
a large move raises the next steps' variance (``alpha``) and that variance decays slowly
(``beta``), which is volatility clustering. ``omega`` is derived from the long-run volatility
a step should have, ``omega = step_volatility**2 * (1 - alpha - beta)``, so the unconditional
variance is ``step_volatility**2``. Shocks are Student-t with ``nu`` degrees of freedom (fat
tails). Crypto is the most volatile and the heaviest-tailed, bonds the calmest; the
volatilities are per step (one step a tick of the simulator, a second by default) and larger
than real per-second figures, so a demo market visibly moves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True, kw_only=True)
class GarchParameters:
    step_volatility: float  # long-run standard deviation of one step's log return
    alpha: float  # reaction to the last shock
    beta: float  # persistence of the variance
    nu: float  # Student-t degrees of freedom of the shocks
    drift: float = 0.0  # expected log return a step

    def __post_init__(self) -> None:
        if not (self.alpha >= 0 and self.beta >= 0 and self.alpha + self.beta < 1):
            raise ValueError("GARCH(1,1) needs alpha, beta >= 0 and alpha + beta < 1")
        if self.step_volatility <= 0:
            raise ValueError("step_volatility must be more than zero")
        if self.nu <= 2:
            raise ValueError("nu must be more than 2")

    @property
    def omega(self) -> float:
        return self.step_volatility**2 * (1.0 - self.alpha - self.beta)


CRYPTO: Final = GarchParameters(step_volatility=0.0015, alpha=0.10, beta=0.88, nu=4.0)
STOCK: Final = GarchParameters(step_volatility=0.0008, alpha=0.08, beta=0.90, nu=5.0)
ETF: Final = GarchParameters(step_volatility=0.0005, alpha=0.07, beta=0.91, nu=6.0)
BOND: Final = GarchParameters(step_volatility=0.0002, alpha=0.05, beta=0.93, nu=8.0)

BY_ASSET_CLASS: Final[dict[str, GarchParameters]] = {
    "crypto": CRYPTO,
    "stock": STOCK,
    "etf": ETF,
    "bond": BOND,
}


def parameters_for(asset_class: str) -> GarchParameters:
    """The class's parameters; an unknown class trades like a stock."""
    return BY_ASSET_CLASS.get(asset_class, STOCK)
