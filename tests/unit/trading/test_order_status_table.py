"""The order-status table of docs/trading.md ("Order states"), one test row per table line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.trading.order_status import STATUS, EndedBy, Fill, ImpossibleOutcome, order_status
from domain.trading.terms import OrderStatus, TimeInForce

DOC = Path(__file__).resolve().parents[3] / "docs" / "trading.md"

# time in force, filled, ended by -> status (the table's lines, in its order)
ROWS = [
    ("fok", "none", "system", "stopped"),
    ("fok", "full", "nothing", "filled"),
    ("fok", "none", "rejection", "rejected"),
    ("ioc", "none", "system", "stopped"),
    ("ioc", "partial", "system", "partially_filled"),
    ("ioc", "full", "nothing", "filled"),
    ("ioc", "none", "rejection", "rejected"),
    ("gtc", "none", "nothing", "accepted"),
    ("gtc", "partial", "nothing", "partially_filled"),
    ("gtc", "full", "nothing", "filled"),
    ("gtc", "none", "owner", "cancelled"),
    ("gtc", "partial", "owner", "cancelled"),
    ("gtc", "none", "system", "stopped"),
    ("gtc", "partial", "system", "stopped"),
    ("gtc", "none", "rejection", "rejected"),
    ("day", "none", "nothing", "accepted"),
    ("day", "partial", "nothing", "partially_filled"),
    ("day", "full", "nothing", "filled"),
    ("day", "none", "expiry", "expired"),
    ("day", "partial", "expiry", "expired"),
    ("day", "none", "owner", "cancelled"),
    ("day", "partial", "owner", "cancelled"),
    ("day", "none", "system", "stopped"),
    ("day", "partial", "system", "stopped"),
    ("day", "none", "rejection", "rejected"),
    ("gtd", "none", "nothing", "accepted"),
    ("gtd", "partial", "nothing", "partially_filled"),
    ("gtd", "full", "nothing", "filled"),
    ("gtd", "none", "expiry", "expired"),
    ("gtd", "partial", "expiry", "expired"),
    ("gtd", "none", "owner", "cancelled"),
    ("gtd", "partial", "owner", "cancelled"),
    ("gtd", "none", "system", "stopped"),
    ("gtd", "partial", "system", "stopped"),
    ("gtd", "none", "rejection", "rejected"),
]


@pytest.mark.parametrize(("tif", "fill", "ended_by", "status"), ROWS)
def test_each_row_of_the_table(tif: str, fill: str, ended_by: str, status: str) -> None:
    assert order_status(TimeInForce(tif), Fill(fill), EndedBy(ended_by)) is OrderStatus(status)


def test_the_table_has_no_other_row() -> None:
    rows = {
        (t.value, f.value, e.value, s.value)
        for t, table in STATUS.items()
        for (f, e), s in table.items()
    }
    assert rows == set(ROWS)


@pytest.mark.parametrize(
    ("tif", "fill", "ended_by"),
    [
        ("fok", "partial", "system"),  # a FOK never fills partly
        ("gtc", "none", "expiry"),  # a GTC never expires
        ("ioc", "none", "nothing"),  # an IOC never rests
        ("gtc", "full", "owner"),  # a filled order is off the book: nothing to cancel
    ],
)
def test_an_outcome_no_order_can_reach_is_refused(tif: str, fill: str, ended_by: str) -> None:
    with pytest.raises(ImpossibleOutcome):
        order_status(TimeInForce(tif), Fill(fill), EndedBy(ended_by))


def test_the_documented_table_is_this_table() -> None:
    section = DOC.read_text().split("## Order states", 1)[1].split("\n## ", 1)[0]
    documented = [
        tuple(cell.strip().strip("`") for cell in line.strip().strip("|").split("|"))
        for line in section.splitlines()
        if re.match(r"^\| `(fok|ioc|gtc|day|gtd)`", line)
    ]
    assert documented == ROWS
