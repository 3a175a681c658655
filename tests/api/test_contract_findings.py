"""What the schemathesis contract run found, pinned: a repeated preference is not a 500, and
a number is neither a boolean nor a date in a request body."""

from __future__ import annotations

from fastapi import FastAPI

from tests.support.accounts import Accounts, assert_problem
from tests.support.admins import super_admin


async def test_a_repeated_preference_takes_the_last_answer(accounts: Accounts) -> None:
    investor = await accounts.register()
    entry = {"category": "orders", "channel": "sms"}
    saved = await accounts.client.put(
        "/api/v1/notifications/preferences",
        headers=investor.headers,
        json={"preferences": [entry | {"enabled": False}] * 3 + [entry | {"enabled": True}]},
    )
    assert saved.status_code == 200, saved.text
    (orders_sms,) = [
        p
        for p in saved.json()["preferences"]
        if p["category"] == "orders" and p["channel"] == "sms"
    ]
    assert orders_sms["enabled"] is True


async def test_numbers_are_not_booleans(app: FastAPI, accounts: Accounts) -> None:
    admin = await super_admin(app, accounts)
    response = await accounts.client.patch(
        "/api/v1/roles/user", headers=admin.headers, json={"require_two_factor": 0}
    )
    body = assert_problem(response, 422, "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["body.require_two_factor"]


async def test_a_number_is_not_a_date_of_birth(accounts: Accounts) -> None:
    investor = await accounts.register()
    response = await accounts.client.post(
        "/api/v1/kyc/aadhaar",
        headers=investor.headers,
        json={"aadhaar_number": "234123412346", "date_of_birth": 0, "name": "Asha Verma"},
    )
    body = assert_problem(response, 422, "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["body.date_of_birth"]
