"""What I own in one currency over time: the private investments' NAV (each as its figures
would have said on that day: ``totals_of`` the activities up to it) and the brokerage
account's value (its daily value series, the latest day on or before), at every month end from
the first activity or trade, and on the last day."""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from domain.portfolio.activity import Activity
from domain.portfolio.brokerage import DayValue
from domain.portfolio.investment import Investment
from domain.portfolio.performance import sums_of, totals_from

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ValuePoint:
    on: date
    private: Decimal  # NAV of the private investments
    brokerage: Decimal  # the brokerage account's value

    @property
    def total(self) -> Decimal:
        return self.private + self.brokerage


def month_ends(start: date, end: date) -> list[date]:
    """Every month's last day from ``start``'s month to before ``end``, then ``end``."""
    found = []
    year, month = start.year, start.month
    while True:
        last = date(year, month, calendar.monthrange(year, month)[1])
        if last >= end:
            break
        found.append(last)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [*found, end]


def nav_on(investment: Investment, activities: Sequence[Activity], on: date) -> Decimal:
    """The investment's NAV as its figures said on ``on``."""
    upto = [a for a in activities if a.occurred_on <= on]
    return totals_from(investment, sums_of(upto)).nav if upto else ZERO


def value_history(
    private: Sequence[tuple[Investment, Sequence[Activity]]],
    brokerage: Sequence[DayValue],
    end: date,
) -> list[ValuePoint]:
    starts = [a.occurred_on for _, acts in private for a in acts] + [p.on for p in brokerage]
    if not starts:
        return []
    first = min(starts)
    days = month_ends(first, max(end, first + timedelta(days=1)))
    broker_days = [p.on for p in brokerage]
    points = []
    for on in days:
        at = bisect.bisect_right(broker_days, on)
        held = brokerage[at - 1].value if at else ZERO
        nav = sum((nav_on(inv, acts, on) for inv, acts in private), ZERO)
        points.append(ValuePoint(on, nav, held))
    return points
