"""Operators (``banking:operate``) over HTTP: a rail instruction the rail kept refusing turns
``dead``, is listed and retried, and the sandbox then settles it; a withdrawal stuck behind a dead
instruction is failed by an operator (the hold released, the user told, the ledger clean, the
worker never sends it); what is refused and to whom."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI

from infrastructure.wiring.banking import rail_handler
from tests.api.banking.conftest import ROOMY, Banking, kyc_level
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, super_admin
from usecases.banking.public import (
    BankRailUnavailable,
    CollectionRequest,
    PayoutRequest,
    RailAccepted,
)
from usecases.banking.submit_rail_instructions import SubmitRailInstructions

API = "/api/v1/banking"


@pytest.fixture
def banking_settings() -> dict[str, Any]:
    return ROOMY | {"bank_rail_max_attempts": 1}  # one refusal makes an instruction dead


class RefusingRail:
    """A rail that is down: every collection and payout is refused."""

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        raise BankRailUnavailable(request.reference)

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        raise BankRailUnavailable(request.reference)


class SilentRail:
    """A rail that accepts and never calls back (its answer is still to come)."""

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        return RailAccepted(f"silent_{request.reference}")

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        return RailAccepted(f"silent_{request.reference}")


async def run_worker(banking: Banking, rail: Any) -> int:
    return await rail_handler(banking.container, rail).execute(SubmitRailInstructions())


async def operator(app: FastAPI, accounts: Accounts) -> Account:
    """A plain user given the admin role (which carries banking:operate) by a super admin."""
    boss = await super_admin(app, accounts)
    who = await accounts.register()
    await grant_role(accounts, boss, who, "admin")
    await accounts.enable_two_factor(who)  # admin roles require it
    return who


async def instruction_of(banking: Banking, ops: Account, reference: str) -> dict[str, Any]:
    listed = await banking.client.get(
        f"{API}/rail-instructions", headers=ops.headers, params={"reference": reference}
    )
    assert listed.status_code == 200, listed.text
    (item,) = listed.json()["items"]
    return dict(item)


async def test_a_dead_instruction_is_listed_retried_and_then_settled(
    banking: Banking, app: FastAPI, accounts: Accounts
) -> None:
    client = banking.client
    ops = await operator(app, accounts)
    alice = await banking.user()
    started = await banking.deposit(alice, "500.00")
    assert started.status_code == 201, started.text
    deposit_id = started.json()["id"]

    assert await run_worker(banking, RefusingRail()) == 1
    dead = await client.get(
        f"{API}/rail-instructions", headers=ops.headers, params={"state": "dead"}
    )
    assert dead.status_code == 200, dead.text
    (item,) = dead.json()["items"]
    assert (item["reference"], item["kind"], item["attempts"], item["last_error"]) == (
        f"deposit:{deposit_id}",
        "collection",
        1,
        "BankRailUnavailable",
    )
    one = await client.get(f"{API}/rail-instructions/{item['id']}", headers=ops.headers)
    assert one.json() == item
    # the deposit waits; the worker does not take a dead instruction
    assert await banking.settle() == 0
    pending = await client.get(f"{API}/deposits/{deposit_id}", headers=alice.headers)
    assert pending.json()["state"] == "pending"

    retried = await client.post(f"{API}/rail-instructions/{item['id']}/retry", headers=ops.headers)
    assert retried.status_code == 200, retried.text
    assert (retried.json()["state"], retried.json()["attempts"]) == ("pending", 0)
    again = await client.post(f"{API}/rail-instructions/{item['id']}/retry", headers=ops.headers)
    assert_problem(again, 409, "rail_instruction_not_dead")

    assert await banking.settle() == 1  # the sandbox accepts and settles through the webhook
    done = await client.get(f"{API}/deposits/{deposit_id}", headers=alice.headers)
    assert done.json()["state"] == "completed"
    assert (await banking.balance(alice))["available"] == "500.00"
    settled = await instruction_of(banking, ops, f"deposit:{deposit_id}")
    assert settled["state"] == "settled"  # the webhook settled it: reconciliation skips it
    assert await banking.ledger_violation() is None


async def test_an_operator_fails_a_stuck_withdrawal_and_the_hold_is_released(
    banking: Banking, app: FastAPI, accounts: Accounts
) -> None:
    client = banking.client
    ops = await operator(app, accounts)
    alice = await accounts.register()
    number = await kyc_level(client, alice, 3)
    assert (await banking.deposit(alice, "1000.00")).status_code == 201
    assert await banking.settle() == 1
    withdrawn = await banking.withdraw(alice, "400.00")
    assert withdrawn.status_code == 201, withdrawn.text
    withdrawal_id = withdrawn.json()["id"]
    assert await run_worker(banking, RefusingRail()) == 1
    assert (await banking.balance(alice))["available"] == "600.00"

    listed = await client.get(
        f"{API}/rail-instructions", headers=ops.headers, params={"kind": "payout"}
    )
    assert number not in listed.text  # only ever masked
    (payout,) = listed.json()["items"]
    assert (payout["state"], payout["masked_number"]) == ("dead", "XXXXXX7890")

    key = {"Idempotency-Key": str(uuid.uuid4())}
    reason = {"reason": "The bank refused the payout repeatedly"}
    path = f"{API}/withdrawals/{withdrawal_id}/fail"
    failed = await client.post(path, headers=ops.headers | key, json=reason)
    assert failed.status_code == 200, failed.text
    assert (failed.json()["state"], failed.json()["failure_reason"]) == (
        "failed",
        reason["reason"],
    )
    replayed = await client.post(path, headers=ops.headers | key, json=reason)
    assert (replayed.status_code, replayed.headers.get("Idempotent-Replayed")) == (200, "true")
    assert replayed.json() == failed.json()
    twice = await client.post(
        path, headers=ops.headers | {"Idempotency-Key": str(uuid.uuid4())}, json=reason
    )
    assert_problem(twice, 409, "transfer_already_settled")

    assert await banking.balance(alice) == {
        "posted": "1000.00",
        "held": "0.00",
        "available": "1000.00",
    }
    mine = await client.get(f"{API}/withdrawals/{withdrawal_id}", headers=alice.headers)
    assert (mine.json()["state"], mine.json()["failure_reason"]) == ("failed", reason["reason"])
    inbox = await client.get("/api/v1/notifications", headers=alice.headers)
    (message,) = [n for n in inbox.json()["items"] if n["category"] == "transactions"]
    assert "INR 400.00" in message["body"]
    assert reason["reason"] in message["body"]
    assert "available again" in message["body"]

    cancelled = await instruction_of(banking, ops, f"withdrawal:{withdrawal_id}")
    assert cancelled["state"] == "cancelled"
    retry = await client.post(
        f"{API}/rail-instructions/{cancelled['id']}/retry", headers=ops.headers
    )
    assert_problem(retry, 409, "rail_instruction_not_dead")
    assert await banking.settle() == 0  # never sent afterwards
    assert await banking.ledger_violation() is None


async def test_a_deposit_never_sent_can_be_failed_but_not_one_the_rail_accepted(
    banking: Banking, app: FastAPI, accounts: Accounts
) -> None:
    client = banking.client
    ops = await operator(app, accounts)
    alice = await banking.user()
    never_sent = (await banking.deposit(alice, "100.00")).json()["id"]
    failed = await client.post(
        f"{API}/deposits/{never_sent}/fail",
        headers=ops.keyed(),
        json={"reason": "Requested by the customer"},
    )
    assert failed.status_code == 200, failed.text
    assert failed.json()["state"] == "failed"
    assert await banking.settle() == 0

    accepted = (await banking.deposit(alice, "200.00")).json()["id"]
    assert await run_worker(banking, SilentRail()) == 1
    refused = await client.post(
        f"{API}/deposits/{accepted}/fail", headers=ops.keyed(), json={"reason": "Too slow"}
    )
    assert_problem(refused, 409, "rail_instruction_submitted")
    mine = await client.get(f"{API}/deposits/{accepted}", headers=alice.headers)
    assert mine.json()["state"] == "pending"
    unknown = await client.post(
        f"{API}/withdrawals/{uuid.uuid4()}/fail", headers=ops.keyed(), json={"reason": "None"}
    )
    assert_problem(unknown, 404, "withdrawal_not_found")
    assert await banking.ledger_violation() is None


async def test_users_without_banking_operate_are_refused(banking: Banking) -> None:
    client = banking.client
    alice = await banking.user()
    deposit_id = (await banking.deposit(alice, "100.00")).json()["id"]
    assert await run_worker(banking, RefusingRail()) == 1
    listed = await client.get(f"{API}/rail-instructions", headers=alice.headers)
    assert_problem(listed, 403, "permission_denied")
    some_id = uuid.uuid4()
    for response in (
        await client.get(f"{API}/rail-instructions/{some_id}", headers=alice.headers),
        await client.post(f"{API}/rail-instructions/{some_id}/retry", headers=alice.headers),
        await client.post(
            f"{API}/deposits/{deposit_id}/fail", headers=alice.keyed(), json={"reason": "mine"}
        ),
    ):
        assert_problem(response, 403, "permission_denied")
    mine = await client.get(f"{API}/deposits/{deposit_id}", headers=alice.headers)
    assert mine.json()["state"] == "pending"
