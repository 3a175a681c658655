"""Fat-tailed shocks: Student-t draws scaled to unit variance.

A t variable with ``nu`` degrees of freedom is a standard normal over the square root of an
independent chi-squared divided by ``nu``; chi-squared(nu) is Gamma(nu / 2, scale 2). Its
variance is ``nu / (nu - 2)``, so multiplying by ``sqrt((nu - 2) / nu)`` leaves unit variance
and the fat tails (excess kurtosis ``6 / (nu - 4)`` for ``nu > 4``, unbounded below)."""

from __future__ import annotations

import math
import random


def student_t(rng: random.Random, nu: float) -> float:
    """One Student-t draw with ``nu`` (> 2) degrees of freedom, standardised to variance 1."""
    if nu <= 2:
        raise ValueError("a standardised Student-t needs more than 2 degrees of freedom")
    chi2 = rng.gammavariate(nu / 2.0, 2.0)
    t = rng.gauss(0.0, 1.0) / math.sqrt(chi2 / nu)
    return t * math.sqrt((nu - 2.0) / nu)
