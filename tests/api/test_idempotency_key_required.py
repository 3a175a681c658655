"""Every money-moving POST requires ``Idempotency-Key``: declared required in the OpenAPI
document with its format (so generated clients send it), and refused with 400
``idempotency_key_required`` before anything moves when it is missing."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin

# Every POST that moves money or shares (or settles a movement) over the bearer-token API.
MONEY_MOVING = {
    "/api/v1/captable/issuers/{issuer_id}/issuances",
    "/api/v1/captable/issuers/{issuer_id}/cancellations",
    "/api/v1/captable/issuers/{issuer_id}/repurchases",
    "/api/v1/captable/issuers/{issuer_id}/conversions",
    "/api/v1/captable/issuers/{issuer_id}/splits",
    "/api/v1/captable/issuers/{issuer_id}/share-classes/{stock_class_id}/authorized-shares-adjustments",
    "/api/v1/banking/deposits",
    "/api/v1/banking/withdrawals",
    "/api/v1/banking/deposits/{deposit_id}/fail",
    "/api/v1/banking/withdrawals/{withdrawal_id}/fail",
    "/api/v1/banking/fx/conversions",
    "/api/v1/ledger/adjustments",
    "/api/v1/ledger/journal/{entry_id}/reversal",
    # share-moving: a share transfer's draft and its completion (which also moves the price)
    "/api/v1/captable/issuers/{issuer_id}/transfers",
    "/api/v1/captable/issuers/{issuer_id}/transfers/{transfer_id}/complete",
    # share-moving: an OCF import creates an issuer with its whole history
    "/api/v1/captable/ocf/imports",
}
# Idempotent by an Idempotency-Key *or* the body's client_order_id: the header is optional.
KEY_OR_CLIENT_ID = {"/api/v1/trading/orders"}
BODIES = {
    "/api/v1/banking/deposits": {"amount": "10.00", "currency": "INR", "method": "upi"},
    "/api/v1/banking/withdrawals": {
        "amount": "10.00",
        "currency": "INR",
        "bank_account_id": str(uuid.uuid4()),
    },
    "/api/v1/ledger/adjustments": {
        "user_code": "USR-ZZZZZZ",
        "asset": "INR",
        "amount": "10.00",
        "memo": "m",
    },
}


def _key_parameter(operation: dict[str, object]) -> dict[str, object] | None:
    params = operation.get("parameters") or []
    assert isinstance(params, list)
    return next((p for p in params if p.get("name") == "Idempotency-Key"), None)


def test_the_document_declares_the_key_required_with_its_format(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    declared = {
        path
        for path, item in paths.items()
        for method, operation in item.items()
        if method == "post" and _key_parameter(operation) is not None
    }
    assert declared == MONEY_MOVING | KEY_OR_CLIENT_ID
    for path in KEY_OR_CLIENT_ID:
        parameter = _key_parameter(paths[path]["post"])
        assert parameter is not None
        assert parameter["required"] is False
    for path in MONEY_MOVING:
        parameter = _key_parameter(paths[path]["post"])
        assert parameter is not None
        assert parameter["in"] == "header"
        assert parameter["required"] is True, path
        schema = parameter["schema"]
        assert isinstance(schema, dict)
        assert (schema["type"], schema["minLength"], schema["maxLength"]) == ("string", 1, 255)
        pattern = re.compile(schema["pattern"])
        assert pattern.fullmatch("5f0c6f3e-2b7a-4d1e-9a63-0c1f0f7f4c2a")
        for refused in ("", "has space", "x" * 256, "tab\there", "é"):
            assert not pattern.fullmatch(refused), refused
        assert "400" in paths[path]["post"]["responses"]


@pytest.fixture
async def operator(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


@pytest.mark.parametrize("path", sorted(MONEY_MOVING))
async def test_a_money_moving_post_without_a_key_is_refused_and_moves_nothing(
    client: httpx.AsyncClient, container: Container, operator: Account, path: str
) -> None:
    body = BODIES.get(path, {"reason": "stuck", "memo": "posted twice"})
    response = await client.post(_concrete(path), headers=operator.headers, json=body)
    problem = assert_problem(response, 400, "idempotency_key_required")
    assert "Idempotency-Key" in problem["detail"]
    async with container.engine.connect() as conn:
        keys = (await conn.execute(text("SELECT count(*) FROM idempotency_keys"))).scalar_one()
    assert keys == 0


async def test_the_key_is_checked_before_the_body(
    client: httpx.AsyncClient, operator: Account
) -> None:
    response = await client.post(
        "/api/v1/banking/deposits", headers=operator.headers, json={"amount": 5}
    )
    assert_problem(response, 400, "idempotency_key_required")
