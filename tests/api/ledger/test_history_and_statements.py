"""My transaction history and monthly statements over HTTP: running balances, filters, cursor
pages, other users' postings never shown, the statement's opening balance carried from earlier
months, and the PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI
from pypdf import PdfReader

from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.shared.ids import UserId
from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin
from tests.support.clock import FixedClock

TRANSACTIONS = "/api/v1/ledger/transactions"


def assert_field(response: httpx.Response, field: str, code: str) -> None:
    body = assert_problem(response, 422, "validation_failed")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)], body


@pytest.fixture
async def operator(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


async def adjust(
    client: httpx.AsyncClient, operator: Account, who: Account, amount: str, asset: str = "INR"
) -> None:
    body = {"user_code": who.user["code"], "asset": asset, "amount": amount, "memo": f"m {amount}"}
    response = await client.post("/api/v1/ledger/adjustments", headers=operator.keyed(), json=body)
    assert response.status_code == 201, response.text


async def history(client: httpx.AsyncClient, who: Account, **params: Any) -> dict[str, Any]:
    response = await client.get(TRANSACTIONS, headers=who.headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def post_earlier(container: Container, who: Account, amount: str, at: datetime) -> None:
    """An entry dated in an earlier month (set-up straight through the ledger adapter)."""
    async with container.session_factory() as session:
        ledger = SqlLedger(session, FixedClock(at))
        inr = Asset("INR", 2)
        mine = await ledger.open_account(
            AccountSpec(UserId(UUID(who.user["id"])), AccountKind.USER_CASH, inr)
        )
        suspense = await ledger.open_account(AccountSpec(None, AccountKind.SUSPENSE, inr))
        legs = [Leg(mine.id, Decimal(amount)), Leg(suspense.id, -Decimal(amount))]
        await ledger.post(NewEntry(legs=legs, memo="Opening credit"))
        await session.commit()


async def test_history_lists_my_postings_newest_first_with_running_balances(
    client: httpx.AsyncClient, operator: Account, accounts: Accounts
) -> None:
    alice, bob = await accounts.register(), await accounts.register()
    for amount in ("1000.00", "-200.00", "50.25"):
        await adjust(client, operator, alice, amount)
    await adjust(client, operator, alice, "10.00", asset="USD")
    await adjust(client, operator, bob, "999.00")

    items = (await history(client, alice))["items"]
    assert [(i["asset"], i["amount"], i["balance_after"]) for i in items] == [
        ("USD", "10.00", "10.00"),
        ("INR", "50.25", "850.25"),
        ("INR", "-200.00", "800.00"),
        ("INR", "1000.00", "1000.00"),
    ]
    assert {i["kind"] for i in items} == {"user_cash"}
    assert [i["direction"] for i in items] == ["credit", "credit", "debit", "credit"]
    # bob sees his own posting only
    assert [i["amount"] for i in (await history(client, bob))["items"]] == ["999.00"]


async def test_filters_keep_the_running_balance_of_the_whole_account(
    client: httpx.AsyncClient, operator: Account, accounts: Accounts
) -> None:
    alice = await accounts.register()
    for amount in ("1000.00", "-200.00", "50.25"):
        await adjust(client, operator, alice, amount)
    await adjust(client, operator, alice, "10.00", asset="USD")
    debits = (await history(client, alice, direction="debit"))["items"]
    assert [(i["amount"], i["balance_after"]) for i in debits] == [("-200.00", "800.00")]
    usd = (await history(client, alice, asset="USD"))["items"]
    assert [i["amount"] for i in usd] == ["10.00"]
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert (await history(client, alice, since=tomorrow))["items"] == []


async def test_cursor_pages_walk_every_posting_once(
    client: httpx.AsyncClient, operator: Account, accounts: Accounts
) -> None:
    alice = await accounts.register()
    for amount in ("1.00", "2.00", "3.00", "4.00", "5.00"):
        await adjust(client, operator, alice, amount)
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = await history(client, alice, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [i["amount"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["5.00", "4.00", "3.00", "2.00", "1.00"]


async def test_bad_history_queries_name_the_field(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    bad_cursor = await client.get(TRANSACTIONS, headers=alice.headers, params={"cursor": "x.1"})
    assert_field(bad_cursor, "query.cursor", "invalid")
    now = datetime.now(UTC)
    backwards = await client.get(
        TRANSACTIONS,
        headers=alice.headers,
        params={"since": now.isoformat(), "until": (now - timedelta(days=1)).isoformat()},
    )
    assert_field(backwards, "query.until", "out_of_range")
    anonymous = await client.get(TRANSACTIONS)
    assert anonymous.status_code == 401


def statement_path(moment: datetime, suffix: str = "") -> str:
    return f"/api/v1/ledger/statements/{moment.year}/{moment.month}{suffix}"


async def test_the_monthly_statement_carries_the_opening_balance_and_lists_the_month(
    client: httpx.AsyncClient, container: Container, operator: Account, accounts: Accounts
) -> None:
    alice = await accounts.register()
    now = datetime.now(UTC)
    last_month = (now.replace(day=1) - timedelta(days=1)).replace(hour=12)
    await post_earlier(container, alice, "300.00", last_month)
    await adjust(client, operator, alice, "1000.00")
    await adjust(client, operator, alice, "-200.00")

    response = await client.get(statement_path(now), headers=alice.headers)
    assert response.status_code == 200, response.text
    statement = response.json()
    assert statement["holder"].endswith(f"({alice.user['code']})")
    assert (statement["opening_balance"], statement["credits"], statement["debits"]) == (
        "300.00",
        "1000.00",
        "-200.00",
    )
    assert statement["closing_balance"] == "1100.00"
    assert [(ln["amount"], ln["balance"]) for ln in statement["lines"]] == [
        ("1000.00", "1300.00"),
        ("-200.00", "1100.00"),
    ]
    earlier = (await client.get(statement_path(last_month), headers=alice.headers)).json()
    assert (earlier["opening_balance"], earlier["closing_balance"]) == ("0.00", "300.00")

    pdf = await client.get(statement_path(now, "/pdf"), headers=alice.headers)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    for needle in ("300.00 INR", "1,100.00 INR", "-200.00 INR", alice.user["code"]):
        assert needle in text


async def test_statements_refuse_what_cannot_have_one(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    now = datetime.now(UTC)
    no_account = await client.get(statement_path(now), headers=alice.headers)
    assert_problem(no_account, 404, "cash_account_not_found")
    future = now.replace(day=1) + timedelta(days=40)
    not_begun = await client.get(statement_path(future), headers=alice.headers)
    assert_field(not_begun, "path.month", "out_of_range")
    month_13 = await client.get("/api/v1/ledger/statements/2026/13", headers=alice.headers)
    assert month_13.status_code == 422
    unknown = await client.get(
        statement_path(now), headers=alice.headers, params={"currency": "XYZ"}
    )
    assert_field(unknown, "query.currency", "invalid")
