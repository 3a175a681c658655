"""Money has one format on every route and in every state: exactly the currency's minor units
(INR: 2 places), a zero balance `0.00` like any other, whatever places the request used."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.support.accounts import Account, Accounts
from tests.support.admins import super_admin

INR = re.compile(r"^-?[0-9]+\.[0-9]{2}$")


@pytest.fixture
async def operator(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


async def adjust(client: httpx.AsyncClient, operator: Account, who: Account, amount: str) -> None:
    body = {"user_code": who.user["code"], "asset": "INR", "amount": amount, "memo": "Goodwill"}
    response = await client.post("/api/v1/ledger/adjustments", headers=operator.keyed(), json=body)
    assert response.status_code == 201, response.text


async def get(client: httpx.AsyncClient, who: Account, path: str, **params: Any) -> Any:
    response = await client.get(f"/api/v1/ledger{path}", headers=who.headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def assert_inr(*values: str) -> None:
    assert values
    for value in values:
        assert INR.fullmatch(value), f"{value!r} is not INR with exactly 2 places"


async def test_every_amount_has_exactly_two_places_in_inr(
    client: httpx.AsyncClient, operator: Account, accounts: Accounts
) -> None:
    alice = await accounts.register()
    await adjust(client, operator, alice, "1500")  # no places written
    await adjust(client, operator, alice, "-0.5")  # one place
    await adjust(client, operator, alice, "-1499.50")  # back to zero

    (cash,) = (await get(client, alice, "/balances"))["items"]
    assert (cash["posted"], cash["held"], cash["available"]) == ("0.00", "0.00", "0.00")

    journal = await get(client, operator, "/journal", user_code=alice.user["code"])
    postings = [p["amount"] for e in journal["items"] for p in e["postings"]]
    assert_inr(*postings)
    assert {"1500.00", "-1500.00", "0.50", "-0.50", "1499.50", "-1499.50"} == set(postings)

    transactions = (await get(client, alice, "/transactions"))["items"]
    assert [(t["amount"], t["balance_after"]) for t in transactions] == [
        ("-1499.50", "0.00"),
        ("-0.50", "1499.50"),
        ("1500.00", "1500.00"),
    ]

    now = datetime.now(UTC)
    statement = await get(client, alice, f"/statements/{now.year}/{now.month}")
    totals = ("opening_balance", "credits", "debits", "closing_balance")
    assert [statement[k] for k in totals] == ["0.00", "1500.00", "-1500.00", "0.00"]
    assert_inr(*(v for line in statement["lines"] for v in (line["amount"], line["balance"])))


async def test_an_empty_statement_and_an_untouched_account_say_0_00(
    client: httpx.AsyncClient, operator: Account, accounts: Accounts
) -> None:
    alice = await accounts.register()
    await adjust(client, operator, alice, "10")
    await adjust(client, operator, alice, "-10")
    last_month = datetime.now(UTC).replace(day=1) - timedelta(days=1)
    empty = await get(client, alice, f"/statements/{last_month.year}/{last_month.month}")
    totals = ("opening_balance", "credits", "debits", "closing_balance")
    assert [empty[k] for k in totals] == ["0.00", "0.00", "0.00", "0.00"]
    assert empty["lines"] == []
