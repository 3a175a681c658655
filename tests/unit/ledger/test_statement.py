from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from domain.ledger.statement import Movement, Statement, build_statement
from domain.shared.errors import ValidationFailed
from infrastructure.ledger.statement_pdf import render_statement_pdf


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


MOVES = [
    Movement(at(9), "Withdrawal to HDFC XXXXXX7890", Decimal("-1200.00"), "WDR-1"),
    Movement(at(3), "Deposit (UPI)", Decimal("5000.50"), "DEP-1"),
    Movement(at(9, 18), "Deposit (NEFT)", Decimal("10.00"), "DEP-2"),
]


def statement() -> Statement:
    return build_statement(
        holder="Asha Rao",
        currency="INR",
        year=2026,
        month=11,
        opening=Decimal("100.00"),
        movements=MOVES,
    )


def test_running_balances_follow_time_order_and_add_up() -> None:
    s = statement()
    assert [ln.balance for ln in s.lines] == [
        Decimal("5100.50"),
        Decimal("3900.50"),
        Decimal("3910.50"),
    ]
    assert s.closing == s.opening + s.credits + s.debits == Decimal("3910.50")


def test_daily_balances_carry_the_last_balance_of_each_day() -> None:
    points = dict(statement().daily_balances(30))
    assert points[date(2026, 11, 1)] == Decimal("100.00")
    assert points[date(2026, 11, 3)] == Decimal("5100.50")
    assert points[date(2026, 11, 9)] == Decimal("3910.50")
    assert points[date(2026, 11, 30)] == Decimal("3910.50")


def test_an_empty_month_closes_at_its_opening_balance() -> None:
    s = build_statement(
        holder="A", currency="INR", year=2026, month=2, opening=Decimal(7), movements=[]
    )
    assert s.closing == Decimal(7)


def test_a_month_out_of_range_names_the_field() -> None:
    with pytest.raises(ValidationFailed) as caught:
        build_statement(
            holder="A", currency="INR", year=2026, month=13, opening=Decimal(0), movements=[]
        )
    assert caught.value.errors[0].field == "month"


def test_the_pdf_shows_balances_and_every_movement() -> None:
    text = "\n".join(
        page.extract_text() for page in PdfReader(BytesIO(render_statement_pdf(statement()))).pages
    )
    assert "November 2026" in text
    for needle in ("100.00 INR", "3,910.50 INR", "DEP-1", "WDR-1", "DEP-2", "-1,200.00 INR"):
        assert needle in text
