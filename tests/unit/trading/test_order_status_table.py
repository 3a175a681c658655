"""The order-status table of docs/trading.md ("Order states"), one test row per table line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.trading.order_status import STATUS, Ending, Fill, ImpossibleOutcome, order_status
from domain.trading.terms import OrderStatus, TimeInForce

DOC = Path(__file__).resolve().parents[3] / "docs" / "trading.md"

# time in force, filled, how it ended -> status (the table's lines, in its order)
ROWS = [
    ("fok", "none", "stopped", "stopped"),
    ("fok", "full", "working", "filled"),
    ("fok", "none", "rejected", "rejected"),
    ("ioc", "none", "stopped", "stopped"),
    ("ioc", "partial", "stopped", "partially_filled"),
    ("ioc", "full", "working", "filled"),
    ("ioc", "none", "rejected", "rejected"),
    ("gtc", "none", "working", "accepted"),
    ("gtc", "partial", "working", "partially_filled"),
    ("gtc", "full", "working", "filled"),
    ("gtc", "none", "cancelled", "cancelled"),
    ("gtc", "partial", "cancelled", "cancelled"),
    ("gtc", "none", "stopped", "stopped"),
    ("gtc", "partial", "stopped", "stopped"),
    ("gtc", "none", "rejected", "rejected"),
    ("day", "none", "working", "accepted"),
    ("day", "partial", "working", "partially_filled"),
    ("day", "full", "working", "filled"),
    ("day", "none", "expired", "expired"),
    ("day", "partial", "expired", "expired"),
    ("day", "none", "cancelled", "cancelled"),
    ("day", "partial", "cancelled", "cancelled"),
    ("day", "none", "stopped", "stopped"),
    ("day", "partial", "stopped", "stopped"),
    ("day", "none", "rejected", "rejected"),
    ("gtd", "none", "working", "accepted"),
    ("gtd", "partial", "working", "partially_filled"),
    ("gtd", "full", "working", "filled"),
    ("gtd", "none", "expired", "expired"),
    ("gtd", "partial", "expired", "expired"),
    ("gtd", "none", "cancelled", "cancelled"),
    ("gtd", "partial", "cancelled", "cancelled"),
    ("gtd", "none", "stopped", "stopped"),
    ("gtd", "partial", "stopped", "stopped"),
    ("gtd", "none", "rejected", "rejected"),
]


@pytest.mark.parametrize(("tif", "fill", "ending", "status"), ROWS)
def test_each_row_of_the_table(tif: str, fill: str, ending: str, status: str) -> None:
    assert order_status(TimeInForce(tif), Fill(fill), Ending(ending)) is OrderStatus(status)


def test_the_table_has_no_other_row() -> None:
    rows = {
        (t.value, f.value, e.value, s.value)
        for t, table in STATUS.items()
        for (f, e), s in table.items()
    }
    assert rows == set(ROWS)


@pytest.mark.parametrize(
    ("tif", "fill", "ending"),
    [
        ("fok", "partial", "stopped"),  # a FOK never fills partly
        ("gtc", "none", "expired"),  # a GTC never expires
        ("ioc", "none", "working"),  # an IOC never rests
        ("gtc", "full", "cancelled"),  # a filled order is off the book: nothing to cancel
    ],
)
def test_an_outcome_no_order_can_reach_is_refused(tif: str, fill: str, ending: str) -> None:
    with pytest.raises(ImpossibleOutcome):
        order_status(TimeInForce(tif), Fill(fill), Ending(ending))


def test_the_documented_table_is_this_table() -> None:
    section = DOC.read_text().split("## Order states", 1)[1].split("\n## ", 1)[0]
    documented = [
        tuple(cell.strip().strip("`") for cell in line.strip().strip("|").split("|"))
        for line in section.splitlines()
        if re.match(r"^\| `(fok|ioc|gtc|day|gtd)`", line)
    ]
    assert documented == ROWS
