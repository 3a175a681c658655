"""Money under load: 100 concurrent withdrawals never overdraw one balance; 20 concurrent
requests with one Idempotency-Key produce one deposit."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlalchemy import text

from tests.api.banking.conftest import Banking


async def test_100_concurrent_withdrawals_never_overdraw(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    responses = await asyncio.gather(*(banking.withdraw(alice, "15.00") for _ in range(100)))
    statuses = [r.status_code for r in responses]
    succeeded = statuses.count(201)
    assert succeeded == 66  # 66 x 15 = 990 <= 1000 < 67 x 15
    refused = [r for r in responses if r.status_code != 201]
    assert {r.status_code for r in refused} == {422}
    for response in refused:
        body = response.json()
        assert body["code"] == "insufficient_funds"
        assert [e["field"] for e in body["errors"]] == ["body.amount"]
    balance = await banking.balance(alice)
    assert Decimal(balance["held"]) == Decimal("990.00")
    assert Decimal(balance["available"]) == Decimal("10.00")
    assert await banking.ledger_violation() is None


async def test_20_concurrent_requests_with_one_key_make_one_deposit(banking: Banking) -> None:
    alice = await banking.user(level=2)
    key = {"Idempotency-Key": "deposit-burst-1"}
    body = {"amount": "250.00", "currency": "INR", "method": "neft"}
    responses = await asyncio.gather(
        *(
            banking.client.post("/api/v1/banking/deposits", headers=alice.headers | key, json=body)
            for _ in range(20)
        )
    )
    created = [r for r in responses if r.status_code == 201]
    assert created
    assert {r.status_code for r in responses} <= {201, 409}
    assert len({r.json()["id"] for r in created}) == 1
    async with banking.container.engine.connect() as connection:
        count = await connection.scalar(text("SELECT count(*) FROM banking_deposits"))
        instructions = await connection.scalar(
            text("SELECT count(*) FROM banking_rail_instructions")
        )
    assert (count, instructions) == (1, 1)
    replay = await banking.client.post(
        "/api/v1/banking/deposits", headers=alice.headers | key, json=body
    )
    assert replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == created[0].json()
