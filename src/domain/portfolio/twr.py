"""Time-weighted return, geometrically linked at every external cash flow.

An account is observed at points in time: its market value just before that moment's external
flow, and the flow itself (a deposit positive, a withdrawal negative). Between two points the
sub-period return is ``value_i / (value_{i-1} + flow_{i-1}) - 1``; the TWR is the product of
``1 + r`` over the sub-periods, minus 1. External flows thus do not move the return, only the
market does. Money is Decimal in and the return is a Decimal (rounded to 12 places)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from domain.portfolio.errors import EmptyReturnSeries

PLACES: Final = Decimal("1e-12")


@dataclass(frozen=True, slots=True)
class Observation:
    on: date
    value: Decimal  # market value just before ``flow``
    flow: Decimal = Decimal(0)  # external flow at that moment: in positive, out negative


def sub_period_returns(points: Sequence[Observation]) -> list[Decimal]:
    if len(points) < 2:
        raise EmptyReturnSeries("a time-weighted return needs at least two observations")
    ordered = sorted(points, key=lambda p: p.on)
    returns = []
    for before, after in itertools.pairwise(ordered):
        invested = before.value + before.flow
        if invested <= 0:
            raise EmptyReturnSeries(
                f"nothing is invested after {before.on.isoformat()}: no return can be measured"
            )
        returns.append(after.value / invested - 1)
    return returns


def time_weighted_return(points: Sequence[Observation]) -> Decimal:
    growth = Decimal(1)
    for r in sub_period_returns(points):
        growth *= 1 + r
    return (growth - 1).quantize(PLACES)
