"""Strict parsing at the edge: money is a string written with at most the currency's minor
units and nothing around it; dates and timestamps are ISO strings, never numbers. Each refusal
is a 422 naming the field."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin


def refused(response: httpx.Response, field: str) -> dict[str, Any]:
    body = assert_problem(response, 422, response.json().get("code", "?"))
    assert body["code"] in ("validation_failed", "invalid_posting"), body
    if body["code"] == "validation_failed":
        (error,) = [e for e in body["errors"] if e["field"] == field]
        return dict(error)
    assert field in body["detail"], body
    return {}


@pytest.fixture
async def investor(accounts: Accounts) -> Account:
    return await accounts.register()


@pytest.fixture
async def operator(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


@pytest.mark.parametrize(
    ("amount", "code"),
    [("100.0000", "too_precise"), ("10.500", "too_precise"), (" 100.00 ", "invalid_amount")],
)
async def test_deposit_and_withdrawal_amounts_keep_to_the_minor_units(
    client: httpx.AsyncClient, investor: Account, amount: str, code: str
) -> None:
    deposit = await client.post(
        "/api/v1/banking/deposits",
        headers=investor.keyed(),
        json={"amount": amount, "currency": "INR", "method": "upi"},
    )
    assert refused(deposit, "body.amount")["code"] == code
    withdrawal = await client.post(
        "/api/v1/banking/withdrawals",
        headers=investor.keyed(),
        json={
            "amount": amount,
            "currency": "INR",
            "bank_account_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
        },
    )
    assert refused(withdrawal, "body.amount")["code"] == code


async def test_an_adjustment_with_extra_written_places_is_refused(
    client: httpx.AsyncClient, operator: Account, investor: Account
) -> None:
    body = {"user_code": investor.user["code"], "asset": "INR", "memo": "m"}
    for amount in ("100.0000", "1.000", " 100.00"):
        response = await client.post(
            "/api/v1/ledger/adjustments", headers=operator.keyed(), json=body | {"amount": amount}
        )
        refused(response, "body.amount")
    fine = await client.post(
        "/api/v1/ledger/adjustments", headers=operator.keyed(), json=body | {"amount": "100.5"}
    )
    assert fine.status_code == 201, fine.text


@pytest.mark.parametrize("value", [0, 1.5, "0", "1990-4-12", "12/04/1990", True])
async def test_a_date_of_birth_is_an_iso_date_string(
    client: httpx.AsyncClient, investor: Account, value: object
) -> None:
    response = await client.patch(
        "/api/v1/users/me", headers=investor.headers, json={"date_of_birth": value}
    )
    error = refused(response, "body.date_of_birth")
    assert error["code"] == "date_format"
    assert "YYYY-MM-DD" in error["message"]
    me = await client.get("/api/v1/users/me", headers=investor.headers)
    assert me.json()["date_of_birth"] is None


async def test_an_iso_date_of_birth_is_stored(client: httpx.AsyncClient, investor: Account) -> None:
    response = await client.patch(
        "/api/v1/users/me", headers=investor.headers, json={"date_of_birth": "1990-04-12"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["date_of_birth"] == "1990-04-12"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/reports/login-activity", "date_format"),
        ("/api/v1/reports/registration-funnel", "date_format"),
        ("/api/v1/ledger/transactions", "datetime_format"),
        ("/api/v1/ledger/journal", "datetime_format"),
        ("/api/v1/audit/system", "datetime_format"),
    ],
)
async def test_numbers_are_not_dates_in_query_parameters(
    client: httpx.AsyncClient, operator: Account, path: str, code: str
) -> None:
    for value in ("0.5", "1700000000"):
        response = await client.get(path, headers=operator.headers, params={"until": value})
        assert refused(response, "query.until")["code"] == code, value
    good = "2026-11-22" if code == "date_format" else "2026-11-22T10:15:00Z"
    response = await client.get(path, headers=operator.headers, params={"until": good})
    assert response.status_code == 200, response.text
