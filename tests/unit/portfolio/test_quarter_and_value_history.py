"""A statement's quarter and the value-over-time series: month ends, NAV as of each, the
brokerage value carried to the latest day on or before."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.portfolio.activity import Activity, ActivityKind
from domain.portfolio.brokerage import DayValue
from domain.portfolio.investment import Investment, InvestmentKind
from domain.portfolio.quarter import Quarter, QuarterNotStarted
from domain.portfolio.value_history import month_ends, value_history
from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId

D = Decimal


def test_quarters_and_their_days() -> None:
    today = date(2026, 12, 1)
    q3 = Quarter.parse("2026-Q3", today)
    assert (q3.start, q3.end, q3.label) == (date(2026, 7, 1), date(2026, 9, 30), "2026-Q3")
    assert Quarter.parse("2026-Q4", today).end == date(2026, 12, 31)  # under way: stated to date
    assert Quarter.parse("2024-Q1", today).end == date(2024, 3, 31)
    with pytest.raises(QuarterNotStarted) as later:
        Quarter.parse("2027-Q1", today)
    assert [e.field for e in later.value.errors] == ["quarter"]
    for bad in ("2026-Q5", "2026Q3", "26-Q1", "1899-Q4"):
        with pytest.raises(ValidationFailed):
            Quarter.parse(bad, today)


def test_month_ends_then_the_last_day() -> None:
    assert month_ends(date(2025, 11, 20), date(2026, 2, 10)) == [
        date(2025, 11, 30),
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 10),
    ]
    assert month_ends(date(2026, 2, 3), date(2026, 2, 28)) == [date(2026, 2, 28)]


def _investment() -> Investment:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Investment(
        id=uuid4(),
        owner_id=UserId(uuid4()),
        name="Fund",
        kind=InvestmentKind.FUND_COMMITMENT,
        sponsor="S",
        sector="Software",
        geography="US",
        vintage=2026,
        currency="USD",
        commitment=D("1000"),
        start_date=date(2026, 1, 1),
        created_at=now,
        updated_at=now,
    )


def _activity(inv: Investment, kind: ActivityKind, on: date, amount: str) -> Activity:
    return Activity(
        id=uuid4(),
        investment_id=inv.id,
        kind=kind,
        occurred_on=on,
        amount=D(amount),
        currency="USD",
        note=None,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_value_history_adds_nav_as_of_each_day_and_the_brokerage_value() -> None:
    inv = _investment()
    acts = [
        _activity(inv, ActivityKind.CONTRIBUTION, date(2026, 1, 10), "500"),
        _activity(inv, ActivityKind.VALUATION, date(2026, 2, 15), "650"),
    ]
    broker = [
        DayValue(date(2026, 2, 3), D("300"), D("300")),
        DayValue(date(2026, 3, 2), D("310"), D(0)),
    ]
    points = value_history([(inv, acts)], broker, date(2026, 3, 10))
    assert [(p.on, p.private, p.brokerage, p.total) for p in points] == [
        (date(2026, 1, 31), D("500"), D(0), D("500")),  # held at cost
        (date(2026, 2, 28), D("650"), D("300"), D("950")),
        (date(2026, 3, 10), D("650"), D("310"), D("960")),
    ]
    assert value_history([], [], date(2026, 3, 10)) == []
