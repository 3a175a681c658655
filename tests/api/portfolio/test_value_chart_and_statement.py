"""The value-over-time chart (SVG) and the quarterly statement (PDF) over HTTP: what they show
agrees with the activities and trades recorded, one currency at a time, and bad input is a
4xx naming the field."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from io import BytesIO

from pypdf import PdfReader

from tests.api.portfolio.test_dashboard_holdings import backdate_fills, trade
from tests.api.portfolio.test_portfolio_api import API, activity, investment
from tests.api.trading.conftest import Trading
from tests.support.accounts import assert_problem


async def test_the_value_chart_shows_private_nav_and_brokerage_together(trading: Trading) -> None:
    client = trading.client
    me = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    inv = await investment(client, me, name="Fund <II> & Co")
    assert (await activity(client, me, inv, "contribution", "2026-01-10", "500")).status_code == 201
    assert (await activity(client, me, inv, "valuation", "2026-06-30", "650")).status_code == 201
    await trade(trading, me, seller, "2", "150.00")
    await backdate_fills(trading, me, 1)

    chart = await client.get(
        f"{API}/charts/value.svg", headers=me.headers, params={"currency": "USD"}
    )
    assert chart.status_code == 200, chart.text
    assert chart.headers["content-type"].startswith("image/svg+xml")
    svg = chart.text
    assert "<script" not in svg
    assert svg.count("<polyline") == 3
    # today's total: the NAV of 650.00 and 2 SOL-USD at 150.00
    assert "Total: 950" in svg
    assert "Private (NAV): 650" in svg
    assert "Brokerage: 300" in svg
    assert ">2026-01-31<" in svg  # the first month end, after the first activity

    inr = await client.get(
        f"{API}/charts/value.svg", headers=me.headers, params={"currency": "INR"}
    )
    assert_problem(inr, 404, "currency_not_held")
    bad = await client.get(f"{API}/charts/value.svg", headers=me.headers, params={"currency": "XX"})
    problem = assert_problem(bad, 422, "validation_failed")
    assert [e["field"] for e in problem["errors"]] == ["query.currency"]


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


async def test_a_quarterly_statement_states_the_quarter_as_of_its_end(trading: Trading) -> None:
    client = trading.client
    me = await trading.investor(usd="1000.00")
    other = await trading.investor()
    inv = await investment(client, me, name="Northwind Growth Fund III")
    for kind, on, amount in [
        ("contribution", "2026-02-01", "400000"),
        ("contribution", "2026-08-15", "100000"),
        ("valuation", "2026-09-30", "612345.67"),
        ("income", "2026-10-15", "1000"),  # the next quarter
    ]:
        assert (await activity(client, me, inv, kind, on, amount)).status_code == 201

    response = await client.get(f"{API}/statements/2026-Q3.pdf", headers=me.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="statement-2026-Q3.pdf"'
    text = pdf_text(response.content)
    assert "2026-Q3" in text
    assert "2026-07-01 to 2026-09-30" in text
    assert "Northwind Growth Fund III" in text
    assert "612,345.67 USD" in text  # the NAV at the quarter's end
    assert "2026-08-15" in text  # an activity of the quarter
    assert "2026-02-01" not in text  # before the quarter: in the figures, not the activities
    assert "1,000.00 USD" not in text  # after the quarter's end
    assert re.search(r"500,000\.00 USD", text)  # paid in by the quarter's end

    # another user's statement of the same quarter shows none of it
    theirs = pdf_text(
        (await client.get(f"{API}/statements/2026-Q3.pdf", headers=other.headers)).content
    )
    assert "Northwind" not in theirs
    assert "No private investments." in theirs


async def test_a_statement_of_a_bad_or_future_quarter_is_refused(trading: Trading) -> None:
    me = await trading.investor()
    client = trading.client
    bad = await client.get(f"{API}/statements/2026-Q5.pdf", headers=me.headers)
    problem = assert_problem(bad, 422, "validation_failed")
    assert [e["field"] for e in problem["errors"]] == ["path.quarter"]
    future = f"{datetime.now(UTC).year + 1}-Q1"
    later = await client.get(f"{API}/statements/{future}.pdf", headers=me.headers)
    problem = assert_problem(later, 422, "quarter_not_started")
    assert [e["field"] for e in problem["errors"]] == ["path.quarter"]
    anonymous = await client.get(f"{API}/statements/2026-Q3.pdf")
    assert anonymous.status_code == 401
