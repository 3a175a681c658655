"""Public-market equivalents against an index series: Kaplan-Schoar PME and Direct Alpha.

The index level of a flow's date is the latest level on or before that date (a weekend flow
takes Friday's close); a flow before the series' first level cannot be compared and raises
``IndexValueMissing``.

* KS-PME = sum(distributions_t * I_T / I_t) + NAV_T) / sum(contributions_t * I_T / I_t), the
  flows carried to the final date ``T`` (the NAV's date) at the index's return. Above 1 the
  investment beat the index.
* Direct Alpha (Gredil, Griffiths and Stucke, 2014): the XIRR of the same index-compounded
  flows with the NAV as the final flow, an annual excess return over the index (discrete; its
  continuous form is ln(1 + alpha))."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import IndexValueMissing
from domain.portfolio.multiples import PLACES
from domain.portfolio.xirr import xirr


@dataclass(frozen=True, slots=True)
class IndexLevel:
    on: date
    level: Decimal


class IndexSeries:
    """Levels by date, looked up as of a date (the latest on or before it)."""

    def __init__(self, levels: Sequence[IndexLevel]) -> None:
        ordered = sorted(levels, key=lambda item: item.on)
        self._dates = [item.on for item in ordered]
        self._levels = [item.level for item in ordered]

    def level_on(self, day: date) -> Decimal:
        at = bisect_right(self._dates, day)
        if at == 0:
            first = self._dates[0].isoformat() if self._dates else "none"
            raise IndexValueMissing(
                f"the index has no level on or before {day.isoformat()} (first level: {first})"
            )
        level = self._levels[at - 1]
        if level <= 0:
            raise IndexValueMissing(f"the index level on {day.isoformat()} is not positive")
        return level


def _compounded(flows: Sequence[CashFlow], index: IndexSeries, final: date) -> list[CashFlow]:
    end = index.level_on(final)
    return [CashFlow(f.on, f.amount * end / index.level_on(f.on)) for f in flows]


def ks_pme(
    flows: Sequence[CashFlow], nav: Decimal, nav_on: date, index: IndexSeries
) -> Decimal | None:
    """``flows``: contributions negative, distributions positive; ``None`` with nothing paid
    in."""
    carried = _compounded(flows, index, nav_on)
    paid = -sum((f.amount for f in carried if f.amount < 0), Decimal(0))
    received = sum((f.amount for f in carried if f.amount > 0), Decimal(0))
    if paid <= 0:
        return None
    return ((received + nav) / paid).quantize(PLACES)


def direct_alpha(
    flows: Sequence[CashFlow], nav: Decimal, nav_on: date, index: IndexSeries
) -> Decimal:
    """Raises ``IrrUndefined`` like ``xirr`` when the compounded flows have no rate."""
    carried = _compounded(flows, index, nav_on)
    ordered = sorted([*carried, CashFlow(nav_on, nav)], key=lambda f: f.on)
    return xirr(ordered)
