"""XIRR agrees with pyxirr (called with Excel's guess, 0.1) on 10,000 random cash-flow sets:
within 1e-7 (relative beyond 100%) wherever pyxirr finds a root, the same refusal of one-signed
flows, and no root where pyxirr finds none, except where pyxirr misses a root that exists: each
of those is checked to be a true root in 50-digit arithmetic."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import pytest

from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.xirr import rates_of, xirr
from tests.support.portfolio_flows import flow_sets

pyxirr = pytest.importorskip("pyxirr")

SETS = flow_sets(10_000)


def _theirs(dates: list[date], amounts: list[float]) -> float | str:
    try:
        rate = pyxirr.xirr(dates, amounts, guess=0.1)
    except pyxirr.InvalidPaymentsError:
        return "refused"
    return math.nan if rate is None else float(rate)


def _ours() -> tuple[Any, Any]:
    both = np.array([min(a) < 0 < max(a) for _, a in SETS])
    return rates_of(SETS), both


def _npv_sign(dates: list[date], amounts: list[float], rate: float) -> int:
    with localcontext() as context:
        context.prec = 50
        base = 1 + Decimal(rate)
        horizon = Decimal((dates[-1] - dates[0]).days) / 365
        total = sum(
            Decimal(a) * base ** (horizon - Decimal((d - dates[0]).days) / 365)
            for d, a in zip(dates, amounts, strict=True)
        )
        return (total > 0) - (total < 0)


def _is_true_root(dates: list[date], amounts: list[float], rate: float) -> bool:
    """The NPV, in 50 digits, changes sign within 1e-12 of ``rate`` (closer to -100%, within
    half the distance to it)."""
    width = min(1e-12 * max(1.0, abs(rate)), (1 + rate) / 2)
    signs = {_npv_sign(dates, amounts, r) for r in (rate - width, rate, rate + width)}
    return 0 in signs or signs == {-1, 1}


def test_agrees_with_pyxirr_on_ten_thousand_random_sets() -> None:
    rates, both = _ours()
    found = missed_by_them = 0
    for row, (dates, amounts) in enumerate(SETS):
        theirs = _theirs(dates, amounts)
        if theirs == "refused":
            assert not both[row], f"set {row}: pyxirr refuses it as one-signed"
            continue
        assert both[row]
        ours = float(rates[row])
        assert isinstance(theirs, float)
        if math.isnan(theirs):
            if not math.isnan(ours):
                assert _is_true_root(dates, amounts, ours), f"set {row}: {ours} is no root"
                missed_by_them += 1
            continue
        found += 1
        assert not math.isnan(ours), f"set {row}: pyxirr finds {theirs}, we find none"
        assert abs(ours - theirs) <= 1e-7 * max(1.0, abs(theirs)), (row, ours, theirs)
    assert found > 9_000
    assert missed_by_them < 50  # total losses near -100% where pyxirr's grid overflows


def test_one_set_and_the_batch_give_the_same_rate() -> None:
    rates, both = _ours()
    for row in range(0, len(SETS), 50):
        if not both[row] or math.isnan(rates[row]):
            continue
        dates, amounts = SETS[row]
        flows = [CashFlow(d, Decimal(repr(a))) for d, a in zip(dates, amounts, strict=True)]
        assert abs(float(xirr(flows)) - rates[row]) <= 1e-12 * max(1.0, abs(rates[row]))
