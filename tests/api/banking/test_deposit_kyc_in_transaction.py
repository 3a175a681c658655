"""The KYC gate of a deposit is read in the deposit's own transaction (no second connection,
no cache): a deposit refused for its level is accepted the moment a reviewer's approval is
committed, with nothing to invalidate in between."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.banking.conftest import Banking, random_aadhaar, random_pan
from tests.support.accounts import Account, assert_problem
from tests.support.admins import super_admin


@pytest.fixture
async def reviewer(app: FastAPI, banking: Banking) -> Account:
    return await super_admin(app, banking.accounts)


async def test_a_deposit_is_accepted_as_soon_as_the_review_approves(
    banking: Banking, reviewer: Account
) -> None:
    client = banking.client
    who = await banking.accounts.register()
    pan = await client.post(
        "/api/v1/kyc/pan", headers=who.headers, json={"pan": random_pan(), "name": "Priya Sharma"}
    )
    assert pan.json()["state"] == "verified", pan.text
    aadhaar = {
        "aadhaar_number": random_aadhaar(),
        "name": "Priya Sharma",
        "date_of_birth": "1990-04-12",
    }
    submitted = await client.post("/api/v1/kyc/aadhaar", headers=who.headers, json=aadhaar)
    assert submitted.json()["state"] == "pending_review", submitted.text
    assert_problem(await banking.deposit(who, "10.00"), 403, "kyc_level_required")

    approved = await client.post(
        f"/api/v1/kyc/reviews/{who.user['code']}/aadhaar/approve", headers=reviewer.headers
    )
    assert approved.status_code == 200, approved.text
    made = await banking.deposit(who, "10.00")
    assert made.status_code == 201, made.text
    assert made.json()["state"] == "pending"


async def test_a_deposit_takes_one_session_for_its_gate_claim_and_writes(
    banking: Banking, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate, the idempotency claim and the writes share the use case's one session (one
    pooled connection, one transaction); before, the gate opened a transaction of its own.
    The key is claimed and the answer stored by one statement (before: lock, read, insert)."""
    who = await banking.user(level=2)
    assert (await banking.deposit(who, "10.00")).status_code == 201  # caches warm
    container = banking.container
    real = container.session_factory
    opened: list[object] = []

    def counting() -> AsyncSession:
        session = real()
        opened.append(session)
        return session

    statements: list[str] = []

    def executed(*args: Any) -> None:
        statements.append(str(args[2]))  # (connection, cursor, statement, ...)

    monkeypatch.setattr(container, "session_factory", counting)
    event.listen(container.engine.sync_engine, "before_cursor_execute", executed)
    try:
        assert (await banking.deposit(who, "11.00")).status_code == 201
    finally:
        event.remove(container.engine.sync_engine, "before_cursor_execute", executed)
    assert len(opened) == 1
    keyed = [s for s in statements if "idempotency" in s or "pg_try_advisory" in s]
    assert len(keyed) == 1
