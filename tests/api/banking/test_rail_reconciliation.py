"""Reconciliation: a deposit or payout the rail accepted but whose webhook never came is settled
(or failed) by asking the rail for its status, through the webhook's own settlement path, so a
late webhook and reconciliation never apply one answer twice, in either order; operators can
reconcile one instruction now."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from adapters.persistence.audit.repository import SqlAuditLog
from domain.banking.webhook_signature import HEADER, sign
from domain.shared.actor import Actor
from domain.shared.clock import SystemClock
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.config.settings import DEV_WEBHOOK_SECRET
from infrastructure.wiring.banking import rail_handler, unit_of_work
from tests.api.banking.conftest import ROOMY, WEBHOOK, Banking
from tests.api.banking.test_banking_operations import instruction_of, operator
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.clock import FixedClock
from usecases.audit.verify_audit_chain import VerifyAuditChain, VerifyAuditChainHandler
from usecases.banking.public import RailStatus, StatusQuery
from usecases.banking.reconcile_rail_instructions import (
    ReconcileRailInstructions,
    ReconcileRailInstructionsHandler,
)
from usecases.banking.submit_rail_instructions import SubmitRailInstructions

API = "/api/v1/banking"
AFTER = 120.0


@pytest.fixture
def banking_settings() -> dict[str, Any]:
    return ROOMY | {"bank_rail_reconcile_after_seconds": AFTER}


class LostWebhooks:
    """The sandbox's webhook that never arrives: events are kept to be delivered late, or never."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def send(self, event: dict[str, Any]) -> int:
        self.events.append(event)
        return 0


def signed(event: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    header = sign(DEV_WEBHOOK_SECRET.encode(), body, at=SystemClock().now())
    return body, {HEADER: header, "Content-Type": "application/json"}


async def deliver_late(client: httpx.AsyncClient, event: dict[str, Any]) -> httpx.Response:
    body, headers = signed(event)
    return await client.post(WEBHOOK, content=body, headers=headers)


async def submit_losing_webhooks(banking: Banking) -> tuple[SandboxBankRail, LostWebhooks]:
    """The worker submits every due instruction; the sandbox accepts, its webhook is lost."""
    lost = LostWebhooks()
    rail = SandboxBankRail(settle_seconds=0.0, webhooks=lost)
    assert await rail_handler(banking.container, rail).execute(SubmitRailInstructions()) >= 1
    await rail.drain()
    return rail, lost


def later(banking: Banking, rail: Any, seconds: float) -> ReconcileRailInstructionsHandler:
    """The reconciliation job as it runs ``seconds`` from now."""
    clock = FixedClock(SystemClock().now() + timedelta(seconds=seconds))
    return ReconcileRailInstructionsHandler(
        unit_of_work(banking.container), rail, clock, after=timedelta(seconds=AFTER)
    )


async def deposits(banking: Banking) -> dict[str, str]:
    async with banking.container.engine.connect() as conn:
        found = await conn.execute(text("SELECT id, state FROM banking_deposits"))
        return {str(i): s for i, s in found}


async def credits_of(banking: Banking, deposit_id: str) -> int:
    async with banking.container.engine.connect() as conn:
        return int(
            await conn.scalar(
                text("SELECT count(*) FROM ledger_entries WHERE reference = :r"),
                {"r": f"deposit:{deposit_id}"},
            )
            or 0
        )


async def assert_books_balance(banking: Banking) -> None:
    """``meridian ledger check`` and ``meridian audit verify``, in process."""
    assert await banking.ledger_violation() is None
    report = await VerifyAuditChainHandler(SqlAuditLog(banking.container.session_factory)).execute(
        VerifyAuditChain(actor=Actor.system("test"))
    )
    assert report.broken is None


async def funded_deposit(banking: Banking, amount: str = "500.00") -> tuple[Account, str]:
    alice = await banking.user()
    made = await banking.deposit(alice, amount)
    assert made.status_code == 201, made.text
    return alice, str(made.json()["id"])


async def test_a_lost_webhook_is_reconciled_after_the_threshold(banking: Banking) -> None:
    alice, deposit_id = await funded_deposit(banking)
    rail, lost = await submit_losing_webhooks(banking)
    assert len(lost.events) == 1
    # before the threshold the rail is not asked
    assert await later(banking, rail, AFTER / 2).execute(ReconcileRailInstructions()) == 0
    assert (await deposits(banking))[deposit_id] == "pending"

    assert await later(banking, rail, AFTER + 1).execute(ReconcileRailInstructions()) == 1
    assert (await deposits(banking))[deposit_id] == "completed"
    assert (await banking.balance(alice))["available"] == "500.00"
    # settled: never asked about again
    assert await later(banking, rail, 10 * AFTER).execute(ReconcileRailInstructions()) == 0
    await assert_books_balance(banking)


async def test_reconciliation_first_then_the_late_webhook_changes_nothing(
    banking: Banking,
) -> None:
    alice, deposit_id = await funded_deposit(banking)
    rail, lost = await submit_losing_webhooks(banking)
    assert await later(banking, rail, AFTER + 1).execute(ReconcileRailInstructions()) == 1
    assert (await deposits(banking))[deposit_id] == "completed"

    late = await deliver_late(banking.client, lost.events[0])
    assert late.status_code == 200, late.text
    assert late.json()["state"] == "completed"
    assert await credits_of(banking, deposit_id) == 1
    assert (await banking.balance(alice))["available"] == "500.00"
    await assert_books_balance(banking)


class WebhookDuringTheAsk:
    """The late webhook lands while reconciliation is asking the rail (after its claim, before
    it applies the answer): the hardest order."""

    def __init__(self, rail: SandboxBankRail, client: httpx.AsyncClient, event: dict[str, Any]):
        self._rail = rail
        self._client = client
        self._event = event
        self.webhook_status = 0

    async def status(self, query: StatusQuery) -> RailStatus:
        self.webhook_status = (await deliver_late(self._client, self._event)).status_code
        return await self._rail.status(query)


async def test_the_late_webhook_first_then_reconciliation_changes_nothing(
    banking: Banking,
) -> None:
    alice, deposit_id = await funded_deposit(banking)
    rail, lost = await submit_losing_webhooks(banking)
    racing = WebhookDuringTheAsk(rail, banking.client, lost.events[0])
    assert await later(banking, racing, AFTER + 1).execute(ReconcileRailInstructions()) == 1
    assert racing.webhook_status == 200
    assert (await deposits(banking))[deposit_id] == "completed"
    assert await credits_of(banking, deposit_id) == 1
    assert (await banking.balance(alice))["available"] == "500.00"

    # and a webhook that arrived before the threshold: nothing left to reconcile
    _, second = await funded_deposit(banking, "300.00")
    rail, lost = await submit_losing_webhooks(banking)
    assert (await deliver_late(banking.client, lost.events[0])).status_code == 200
    assert await later(banking, rail, AFTER + 1).execute(ReconcileRailInstructions()) == 0
    assert await credits_of(banking, second) == 1
    await assert_books_balance(banking)


async def test_a_failed_collection_and_a_lost_payout_are_reconciled(banking: Banking) -> None:
    alice, failing = await funded_deposit(banking, "500.13")  # the sandbox declines .13
    rail, _ = await submit_losing_webhooks(banking)
    assert await later(banking, rail, AFTER + 1).execute(ReconcileRailInstructions()) == 1
    assert (await deposits(banking))[failing] == "failed"
    assert await credits_of(banking, failing) == 0

    assert (await banking.deposit(alice, "1000.00")).status_code == 201
    assert await banking.settle() == 1  # this one's webhook arrives
    withdrawn = await banking.withdraw(alice, "400.00")
    assert withdrawn.status_code == 201, withdrawn.text
    rail, _ = await submit_losing_webhooks(banking)
    assert (await banking.balance(alice))["held"] == "400.00"
    assert await later(banking, rail, AFTER + 1).execute(ReconcileRailInstructions()) == 1
    settled = await banking.client.get(
        f"{API}/withdrawals/{withdrawn.json()['id']}", headers=alice.headers
    )
    assert settled.json()["state"] == "completed"
    assert await banking.balance(alice) == {
        "posted": "600.00",
        "held": "0.00",
        "available": "600.00",
    }
    await assert_books_balance(banking)


async def test_a_rail_still_settling_is_asked_again_one_interval_later(banking: Banking) -> None:
    _, deposit_id = await funded_deposit(banking)
    lost = LostWebhooks()
    rail = SandboxBankRail(settle_seconds=3600.0, webhooks=lost)  # settles in an hour
    assert await rail_handler(banking.container, rail).execute(SubmitRailInstructions()) == 1
    handler = later(banking, rail, AFTER + 1)
    assert await handler.execute(ReconcileRailInstructions()) == 1  # "pending"
    assert (await deposits(banking))[deposit_id] == "pending"
    assert await handler.execute(ReconcileRailInstructions()) == 0  # asked just now
    assert await later(banking, rail, 2 * AFTER + 2).execute(ReconcileRailInstructions()) == 1
    for task in list(rail._tasks):  # the hour-long settlement is not awaited
        task.cancel()


async def test_an_operator_reconciles_one_instruction_now(
    banking: Banking, app: FastAPI, accounts: Accounts
) -> None:
    ops = await operator(app, accounts)
    alice, deposit_id = await funded_deposit(banking)
    pending = await instruction_of(banking, ops, f"deposit:{deposit_id}")
    path = f"{API}/rail-instructions/{pending['id']}/reconcile"
    # never accepted by the rail: nothing to ask about
    assert_problem(
        await banking.client.post(path, headers=ops.headers), 409, "rail_instruction_not_submitted"
    )
    assert_problem(await banking.client.post(path, headers=alice.headers), 403, "permission_denied")
    _, lost = await submit_losing_webhooks(banking)

    reconciled = await banking.client.post(path, headers=ops.headers)
    assert reconciled.status_code == 200, reconciled.text
    assert reconciled.json()["rail_outcome"] == "succeeded"
    assert reconciled.json()["instruction"]["state"] == "settled"
    assert (await deposits(banking))[deposit_id] == "completed"
    assert (await banking.balance(alice))["available"] == "500.00"
    assert_problem(
        await banking.client.post(path, headers=ops.headers), 409, "rail_instruction_not_submitted"
    )
    late = await deliver_late(banking.client, lost.events[0])
    assert late.status_code == 200
    assert await credits_of(banking, deposit_id) == 1
    missing = await banking.client.post(
        f"{API}/rail-instructions/0193a2c4-3c4d-7c3b-9a10-5d7e8f9a0b1c/reconcile",
        headers=ops.headers,
    )
    assert_problem(missing, 404, "rail_instruction_not_found")
    await assert_books_balance(banking)
