"""Validation messages are ours, not a library's: each bad input below is answered with the
message our table (adapters/http/validation_messages.py) gives its kind, naming the field, and
nothing of pydantic's wording ("Input should be...", "invalid character in year") reaches a
client."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from adapters.http.validation_messages import MESSAGES, PYDANTIC_TYPES
from tests.support.accounts import Accounts, assert_problem

LIBRARY_WORDS = ("Input should", "invalid character", "UUID input", "Value error", "String should")


def only_error(body: dict[str, Any]) -> dict[str, str]:
    assert len(body["errors"]) == 1, body
    error: dict[str, str] = body["errors"][0]
    assert not any(words in error["message"] for words in LIBRARY_WORDS), error
    assert not any(words in body["detail"] for words in LIBRARY_WORDS), body["detail"]
    assert body["detail"] == f"{error['field']}: {error['message']}"
    return error


async def test_each_kind_of_bad_input_gets_our_message(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    aadhaar = {"aadhaar_number": "234123412346", "name": "Asha", "date_of_birth": "1990-04-12"}
    cases: list[tuple[str, str, dict[str, Any] | None, str, str]] = [
        # (method, path, json, field, message)
        (
            "GET",
            "/api/v1/banking/deposits/not-a-uuid",
            None,
            "path.deposit_id",
            "must be a UUID like 6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f",
        ),
        (
            "POST",
            "/api/v1/kyc/aadhaar",
            aadhaar | {"date_of_birth": "1990-02-30"},
            "body.date_of_birth",
            "must be a real calendar date like 1990-04-12 (YYYY-MM-DD)",
        ),
        (
            "POST",
            "/api/v1/kyc/aadhaar",
            aadhaar | {"date_of_birth": "199O-04-12"},
            "body.date_of_birth",
            "must be a date string like 1990-04-12 (YYYY-MM-DD)",
        ),
        ("POST", "/api/v1/kyc/pan", {"pan": 7085, "name": "Asha"}, "body.pan", "must be a string"),
        (
            "POST",
            "/api/v1/kyc/pan",
            {"pan": "ACUPA7085R", "name": "A" * 201},
            "body.name",
            "must have at most 200 characters",
        ),
        (
            "POST",
            "/api/v1/banking/deposits",
            {"amount": "100.00", "currency": "INR", "method": "cash"},
            "body.method",
            "must be one of 'upi', 'netbanking', 'neft', 'rtgs' or 'imps'",
        ),
        ("POST", "/api/v1/kyc/pan", {"name": "Asha"}, "body.pan", "is required"),
        (
            "GET",
            "/api/v1/banking/deposits?limit=many",
            None,
            "query.limit",
            "must be a whole number",
        ),
    ]
    for method, path, payload, field, message in cases:
        response = await client.request(method, path, json=payload, headers=alice.keyed())
        error = only_error(assert_problem(response, 422, "validation_failed"))
        assert (error["field"], error["message"]) == (field, message), (path, payload)


async def test_a_failed_aadhaar_checksum_says_so(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    body = {"aadhaar_number": "234123412345", "name": "Asha", "date_of_birth": "1990-04-12"}
    response = await client.post("/api/v1/kyc/aadhaar", json=body, headers=alice.headers)
    error = only_error(assert_problem(response, 422, "validation_failed"))
    assert error == {
        "field": "body.aadhaar_number",
        "message": "Aadhaar number fails its checksum",
        "code": "invalid_checksum",
    }


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_the_table_names_only_pydantic_error_types(kind: str) -> None:
    assert kind in PYDANTIC_TYPES
