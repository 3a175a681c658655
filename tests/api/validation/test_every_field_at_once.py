"""A request with several bad fields is told about every one of them in one answer, whichever
layer refuses each (pydantic's constraints, a domain value's own rule, a use case's check), so a
client fixing a form sees every offending field at once."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.accounts import Account, Accounts, assert_problem


def fields_of(body: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["code"] for e in body["errors"]}


async def test_registration_names_a_bad_email_and_a_weak_password(accounts: Accounts) -> None:
    _, mobile = accounts.new_contacts()
    response = await accounts.initiate("not-an-email", mobile, "short")
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {"body.email": "invalid_email", "body.password": "password_too_short"}
    assert "body.email: " in body["detail"]
    assert "body.password: " in body["detail"]


async def test_registration_names_email_mobile_and_password(accounts: Accounts) -> None:
    response = await accounts.initiate("nobody@", "123", "correct horse battery staple")
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {"body.email": "invalid_email", "body.mobile": "invalid_phone"}


async def test_one_bad_field_keeps_its_own_code(accounts: Accounts) -> None:
    email, mobile = accounts.new_contacts()
    body = assert_problem(await accounts.initiate(email, mobile, "short"), 422, "weak_password")
    assert fields_of(body) == {"body.password": "password_too_short"}


async def test_aadhaar_names_a_bad_number_and_a_bad_date(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    response = await client.post(
        "/api/v1/kyc/aadhaar",
        json={"aadhaar_number": "234123412345", "name": "Asha", "date_of_birth": "1990-13-45"},
        headers=alice.headers,
    )
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {
        "body.aadhaar_number": "invalid_checksum",
        "body.date_of_birth": "date_from_datetime_parsing",
    }
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["body.aadhaar_number"] == "Aadhaar number fails its checksum"


async def test_pan_names_a_bad_pan_and_a_missing_name(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    response = await client.post(
        "/api/v1/kyc/pan", json={"pan": "ACUPA7085", "name": ""}, headers=alice.headers
    )
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {"body.pan": "invalid_length", "body.name": "string_too_short"}


async def test_a_deposit_names_a_bad_amount_and_a_bad_currency(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    response = await client.post(
        "/api/v1/banking/deposits",
        json={"amount": "12,50", "currency": "XYZ", "method": "upi"},
        headers=alice.keyed(),
    )
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {
        "body.amount": "invalid_amount",
        "body.currency": "unsupported_currency",
    }


async def test_a_password_change_names_both_passwords(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice: Account = await accounts.register()
    response = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": "not my password at all", "new_password": "short"},
        headers=alice.headers,
    )
    body = assert_problem(response, 422, "validation_failed")
    assert fields_of(body) == {
        "body.current_password": "password_incorrect",
        "body.new_password": "password_too_short",
    }
