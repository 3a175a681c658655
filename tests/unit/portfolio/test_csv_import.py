"""Reading activities and index levels from CSV: what a user who exported a spreadsheet sees
when a row or the header is wrong, by row (the header is row 1) and column."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

from domain.portfolio.csv_import import parse_activities, parse_index_levels
from domain.portfolio.investment import Investment, InvestmentKind
from domain.shared.ids import UserId

NOW = datetime(2025, 1, 1, tzinfo=UTC)
FUND = Investment.new(
    owner_id=UserId(uuid4()),
    name="Fund",
    kind=InvestmentKind.FUND_COMMITMENT,
    sponsor="S",
    sector="Software",
    geography="US",
    vintage=2021,
    currency="USD",
    commitment=Decimal(1000),
    start_date=date(2021, 1, 1),
    now=NOW,
)


def test_columns_in_any_order_with_a_bom_and_blank_lines() -> None:
    text = "\ufeffamount,currency,kind,occurred_on\n100,usd,contribution,2021-02-01\n\n"
    parsed = parse_activities(text, FUND, NOW)
    assert parsed.problems == []
    [one] = parsed.items
    assert (one.amount, one.currency, one.occurred_on) == (Decimal(100), "USD", date(2021, 2, 1))


def test_an_unknown_or_missing_column_is_refused_on_the_header() -> None:
    parsed = parse_activities("occurred_on,kind,amout,currency\n", FUND, NOW)
    assert [(p.row, p.column, p.code) for p in parsed.problems] == [
        (1, "amout", "unknown_column"),
        (1, "amount", "missing_column"),
    ]


def test_a_short_row_and_a_bad_date_are_named() -> None:
    text = "occurred_on,kind,amount,currency\n2021-02-01,fee,5\n31/12/2021,fee,5,USD\n"
    parsed = parse_activities(text, FUND, NOW)
    assert [(p.row, p.column, p.code) for p in parsed.problems] == [
        (2, None, "wrong_field_count"),
        (3, "occurred_on", "invalid"),
    ]


def test_an_empty_file() -> None:
    assert parse_activities("", FUND, NOW).problems[0].code == "empty_file"


def test_index_levels_refuse_a_date_given_twice() -> None:
    parsed = parse_index_levels("on,level\n2021-01-01,100\n2021-01-01,101\n")
    assert [(p.row, p.column, p.code) for p in parsed.problems] == [(3, "on", "duplicate_date")]
