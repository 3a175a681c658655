"""Refusals that name what is wrong: bad amounts and currencies, unverified accounts, and rail
webhooks with a bad signature, a stale timestamp, a replayed event id or an unknown reference."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from domain.banking.webhook_signature import HEADER, sign
from infrastructure.config.settings import DEV_WEBHOOK_SECRET
from tests.api.banking.conftest import WEBHOOK, Banking
from tests.support.accounts import assert_problem
from tests.support.pages import assert_garbage_cursor_refused, walk_pages

SECRET = DEV_WEBHOOK_SECRET.encode()


@pytest.mark.parametrize(
    ("amount", "currency", "field", "code"),
    [
        ("-5.00", "INR", "body.amount", "not_positive"),
        ("0", "INR", "body.amount", "not_positive"),
        ("1e3", "INR", "body.amount", "invalid_amount"),
        ("10.005", "INR", "body.amount", "too_precise"),
        ("ten", "INR", "body.amount", "invalid_amount"),
        ("10.00", "XYZ", "body.currency", "unsupported_currency"),
    ],
)
async def test_bad_deposit_amounts_name_the_field(
    banking: Banking, amount: str, currency: str, field: str, code: str
) -> None:
    alice = await banking.user(level=2)
    response = await banking.deposit(alice, amount, currency=currency)
    body = assert_problem(response, 422, "validation_failed")
    assert field in [e["field"] for e in body["errors"]]
    if code != "validation_failed":
        assert code in [e["code"] for e in body["errors"]]


async def test_a_json_number_amount_is_refused(banking: Banking) -> None:
    alice = await banking.user(level=2)
    response = await banking.client.post(
        "/api/v1/banking/deposits",
        headers=alice.keyed(),
        json={"amount": 10.5, "currency": "INR", "method": "upi"},
    )
    body = assert_problem(response, 422, "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["body.amount"]


async def test_kyc_gates_deposits_and_withdrawals(banking: Banking) -> None:
    newcomer = await banking.accounts.register()
    assert_problem(await banking.deposit(newcomer, "10.00"), 403, "kyc_level_required")
    level_two = await banking.user(level=2)
    assert_problem(await banking.withdraw(level_two, "10.00"), 403, "kyc_level_required")


async def test_withdrawals_go_only_to_verified_accounts(banking: Banking) -> None:
    alice = await banking.funded("100.00")
    linked = await banking.client.post(
        "/api/v1/banking/accounts",
        headers=alice.headers,
        json={"account_number": "123456780999", "ifsc": "SBIN0000001", "holder_name": "Priya"},
    )
    assert linked.status_code == 201, linked.text
    account = linked.json()
    assert (account["state"], account["failure_reason"], account["is_primary"]) == (
        "failed",
        "name_mismatch",
        False,
    )
    response = await banking.withdraw(alice, "10.00", bank_account_id=account["id"])
    assert_problem(response, 422, "bank_account_not_verified")
    primary = await banking.client.post(
        f"/api/v1/banking/accounts/{account['id']}/primary", headers=alice.headers
    )
    assert_problem(primary, 422, "bank_account_not_verified")
    good = await banking.client.post(
        "/api/v1/banking/accounts",
        headers=alice.headers,
        json={
            "account_number": "99887766554433",
            "ifsc": "SBIN0000001",
            "holder_name": "Priya Sharma",
        },
    )
    assert good.json()["state"] == "verified", good.text
    again = await banking.client.post(
        "/api/v1/banking/accounts",
        headers=alice.headers,
        json={
            "account_number": "99887766554433",
            "ifsc": "SBIN0000001",
            "holder_name": "Priya Sharma",
        },
    )
    assert_problem(again, 409, "bank_account_already_linked")
    assert (
        await banking.withdraw(alice, "10.00", bank_account_id=good.json()["id"])
    ).status_code == 201
    async with banking.container.engine.connect() as connection:
        sealed = await connection.scalars(text("SELECT sealed_number FROM banking_bank_accounts"))
        assert all("99887766554433" not in s for s in sealed)


async def _event(banking: Banking, **extra: Any) -> dict[str, Any]:
    alice = await banking.user(level=2)
    deposit = (await banking.deposit(alice, "50.00")).json()
    return {
        "id": "evt_test_1",
        "type": "deposit.completed",
        "reference": f"deposit:{deposit['id']}",
        "rail_reference": "rail-1",
        "amount": "50.00",
        "currency": "INR",
        "failure_reason": None,
    } | extra


async def _send(
    client: httpx.AsyncClient, event: dict[str, Any], *, secret: bytes = SECRET, age: int = 0
) -> httpx.Response:
    body = json.dumps(event).encode()
    from domain.shared.clock import SystemClock

    at = SystemClock().now() - timedelta(seconds=age)
    headers = {HEADER: sign(secret, body, at=at), "Content-Type": "application/json"}
    return await client.post(WEBHOOK, content=body, headers=headers)


async def test_webhooks_are_verified_idempotent_and_refusals_are_logged(
    banking: Banking, caplog: pytest.LogCaptureFixture
) -> None:
    event = await _event(banking)
    client = banking.client
    with caplog.at_level(logging.WARNING, logger="meridian.banking.webhook"):
        assert_problem(
            await _send(client, event, secret=b"wrong"), 401, "webhook_signature_invalid"
        )
        assert_problem(await client.post(WEBHOOK, json=event), 401, "webhook_signature_invalid")
        assert_problem(
            await _send(client, event, age=3600), 401, "webhook_timestamp_out_of_tolerance"
        )
        unknown = event | {
            "id": "evt_other",
            "reference": "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
        }
        assert_problem(await _send(client, unknown), 422, "webhook_reference_unknown")
        wrong_amount = event | {"id": "evt_amount", "amount": "5000.00"}
        assert_problem(await _send(client, wrong_amount), 422, "webhook_payload_invalid")
        first = await _send(client, event)
        assert first.status_code == 200, first.text
        assert first.json() == {"received": True, "state": "completed"}
        assert_problem(await _send(client, event), 409, "webhook_event_replayed")
    refused = [r for r in caplog.records if r.getMessage() == "bank rail webhook refused"]
    assert [getattr(r, "code", None) for r in refused] == [
        "webhook_signature_invalid",
        "webhook_signature_invalid",
        "webhook_timestamp_out_of_tolerance",
        "webhook_reference_unknown",
        "webhook_payload_invalid",
        "webhook_event_replayed",
    ]
    logged = "\n".join(str(r.__dict__) for r in caplog.records)
    assert DEV_WEBHOOK_SECRET not in logged
    assert "v1=" not in logged
    async with banking.container.engine.connect() as connection:
        entries = await connection.scalar(
            text("SELECT count(*) FROM ledger_entries WHERE reference LIKE 'deposit:%'")
        )
    assert entries == 1
    assert await banking.ledger_violation() is None


async def test_my_bank_accounts_walk_in_pages_primary_first_then_oldest(banking: Banking) -> None:
    alice = await banking.user()
    (kyc_account,) = (
        await banking.client.get("/api/v1/banking/accounts", headers=alice.headers)
    ).json()["items"]
    linked = []
    for number, holder in (
        ("99887766554433", "Priya Sharma"),
        ("123456780999", "Priya"),
        ("55667788990011", "Priya Sharma"),
    ):
        response = await banking.client.post(
            "/api/v1/banking/accounts",
            headers=alice.headers,
            json={"account_number": number, "ifsc": "SBIN0000001", "holder_name": holder},
        )
        assert response.status_code == 201, response.text
        linked.append(response.json())
    primary = await banking.client.post(
        f"/api/v1/banking/accounts/{linked[2]['id']}/primary", headers=alice.headers
    )
    assert primary.status_code < 300, primary.text
    walked = await walk_pages(
        banking.client, "/api/v1/banking/accounts", headers=alice.headers, limit=1
    )
    assert [a["id"] for a in walked] == [
        linked[2]["id"],
        kyc_account["id"],
        linked[0]["id"],
        linked[1]["id"],
    ]
    assert [a["is_primary"] for a in walked] == [True, False, False, False]
    await assert_garbage_cursor_refused(
        banking.client, "/api/v1/banking/accounts", headers=alice.headers
    )
