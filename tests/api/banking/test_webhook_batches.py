"""Batched settlement webhooks: one signed body ``{"events": [...]}`` settles each of its
deposits and payouts exactly once (a replayed batch changes nothing), an event that is refused
is reported on its own while the others settle, and batches racing the rail worker's own
(batched) deliveries of the same transfers credit each deposit once."""

from __future__ import annotations

import asyncio
import json
import secrets
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text

from domain.banking.webhook_signature import HEADER, sign
from domain.shared.clock import SystemClock
from infrastructure.config.settings import DEV_WEBHOOK_SECRET
from tests.api.banking.conftest import WEBHOOK, Banking
from tests.support.accounts import Account, assert_problem


def event(
    reference: str, amount: str, kind: str = "deposit.completed", **extra: Any
) -> dict[str, Any]:
    return {
        "id": f"evt_{secrets.token_hex(12)}",
        "type": kind,
        "reference": reference,
        "rail_reference": f"rr_{secrets.token_hex(6)}",
        "amount": amount,
        "currency": "INR",
        "failure_reason": "declined_by_bank" if kind.endswith("failed") else None,
    } | extra


async def deliver(client: httpx.AsyncClient, payload: object) -> httpx.Response:
    body = json.dumps(payload).encode()
    header = sign(DEV_WEBHOOK_SECRET.encode(), body, at=SystemClock().now())
    return await client.post(
        WEBHOOK, content=body, headers={HEADER: header, "Content-Type": "application/json"}
    )


async def pending_deposits(banking: Banking, who: Account, amounts: list[str]) -> list[str]:
    references = []
    for amount in amounts:
        made = await banking.deposit(who, amount)
        assert made.status_code == 201, made.text
        references.append(f"deposit:{made.json()['id']}")
    return references


async def entries_by_reference(banking: Banking) -> dict[str, int]:
    async with banking.container.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT reference, count(*) FROM ledger_entries GROUP BY reference")
        )
        return {str(r): int(n) for r, n in rows}


async def states(banking: Banking, query: str) -> dict[str, str]:
    async with banking.container.engine.connect() as conn:
        return {str(r): str(s) for r, s in await conn.execute(text(query))}


INSTRUCTIONS = "SELECT reference, state FROM banking_rail_instructions"
DEPOSITS = "SELECT 'deposit:' || id, state FROM banking_deposits"


async def test_a_batch_settles_every_deposit_once_and_a_replayed_batch_changes_nothing(
    banking: Banking,
) -> None:
    alice, bob = await banking.user(level=2), await banking.user(level=2)
    alices = await pending_deposits(banking, alice, ["100.00", "250.50", "30.00"])
    bobs = await pending_deposits(banking, bob, ["500.00", "75.13"])
    events = [event(r, a) for r, a in zip(alices, ["100.00", "250.50", "30.00"], strict=True)]
    events += [event(bobs[0], "500.00"), event(bobs[1], "75.13", "deposit.failed")]

    answer = await deliver(banking.client, {"events": events})
    assert answer.status_code == 200, answer.text
    results = answer.json()["events"]
    assert [(r["index"], r["id"], r["status"], r["code"]) for r in results] == [
        (n, e["id"], 200, None) for n, e in enumerate(events)
    ]
    assert [r["state"] for r in results] == ["completed"] * 4 + ["failed"]
    assert (await banking.balance(alice))["posted"] == "380.50"
    assert (await banking.balance(bob))["posted"] == "500.00"
    entries = await entries_by_reference(banking)
    assert [entries.get(r, 0) for r in alices + bobs] == [1, 1, 1, 1, 0]
    instructions = await states(banking, INSTRUCTIONS)
    assert {instructions[r] for r in alices + bobs} == {"settled"}

    replayed = await deliver(banking.client, {"events": events})
    assert replayed.status_code == 200, replayed.text
    assert {(r["status"], r["code"]) for r in replayed.json()["events"]} == {
        (409, "webhook_event_replayed")
    }
    assert (await banking.balance(alice))["posted"] == "380.50"
    assert (await banking.balance(bob))["posted"] == "500.00"
    assert await entries_by_reference(banking) == entries
    # a single event of the batch, sent again alone, is a replay too
    assert_problem(await deliver(banking.client, events[0]), 409, "webhook_event_replayed")
    # the worker finds nothing left to send: every instruction was settled by the batch
    assert await banking.settle() == 0
    assert await banking.ledger_violation() is None


async def test_a_bad_event_is_reported_and_the_rest_of_its_batch_settles(
    banking: Banking,
) -> None:
    alice = await banking.user(level=2)
    first, second, third = await pending_deposits(banking, alice, ["40.00", "60.00", "80.00"])
    wrong_amount = event(second, "61.00")
    unknown = event("deposit:0193a2c4-0000-7000-8000-000000000000", "10.00")
    good = [event(first, "40.00"), event(third, "80.00")]
    not_an_event = {"id": "evt_broken", "type": "deposit.teleported"}
    batch = [good[0], wrong_amount, unknown, not_an_event, good[1], dict(good[0])]

    answer = await deliver(banking.client, {"events": batch})
    assert answer.status_code == 200, answer.text
    outcome = [(r["id"], r["status"], r["state"], r["code"]) for r in answer.json()["events"]]
    assert outcome == [
        (good[0]["id"], 200, "completed", None),
        (wrong_amount["id"], 422, None, "webhook_payload_invalid"),
        (unknown["id"], 422, None, "webhook_reference_unknown"),
        ("evt_broken", 422, None, "webhook_payload_invalid"),
        (good[1]["id"], 200, "completed", None),
        (good[0]["id"], 409, None, "webhook_event_replayed"),  # repeated within the batch
    ]
    assert (await banking.balance(alice))["posted"] == "120.00"
    assert (await states(banking, DEPOSITS))[second] == "pending"
    # the refused event stored nothing, not even its id: corrected, it settles
    fixed = await deliver(banking.client, {"events": [wrong_amount | {"amount": "60.00"}]})
    assert [(r["status"], r["state"]) for r in fixed.json()["events"]] == [(200, "completed")]
    assert (await banking.balance(alice))["posted"] == "180.00"
    assert await banking.ledger_violation() is None


async def test_a_batch_with_two_events_for_one_transfer_and_payouts(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    made = await banking.withdraw(alice, "300.00")
    assert made.status_code == 201, made.text
    payout = f"withdrawal:{made.json()['id']}"
    (deposit,) = await pending_deposits(banking, alice, ["50.00"])
    completed = event(deposit, "50.00")
    contradicting = event(deposit, "50.00", "deposit.failed")  # the same transfer, later in it
    settled = event(payout, "300.00", "payout.settled")

    answer = await deliver(banking.client, {"events": [completed, settled, contradicting]})
    assert answer.status_code == 200, answer.text
    assert [(r["status"], r["state"], r["code"]) for r in answer.json()["events"]] == [
        (200, "completed", None),
        (200, "completed", None),
        (409, None, "transfer_already_settled"),
    ]
    balance = await banking.balance(alice)
    assert (balance["posted"], balance["held"]) == ("750.00", "0.00")
    assert await banking.ledger_violation() is None


async def test_batches_racing_the_rail_worker_credit_each_deposit_once(
    banking: Banking,
) -> None:
    users = [await banking.user(level=2) for _ in range(3)]
    amounts = [f"{10 + n}.00" for n in range(12)]
    references: list[str] = []
    for n, amount in enumerate(amounts):
        references += await pending_deposits(banking, users[n % 3], [amount])
    # another delivery of the same outcomes (other event ids), in two overlapping batches
    theirs = [event(r, a) for r, a in zip(references, amounts, strict=True)]

    async def worker() -> int:
        return await banking.settle()  # submits; the sandbox calls back in batches

    outcomes = await asyncio.gather(
        worker(),
        deliver(banking.client, {"events": theirs[:8]}),
        deliver(banking.client, {"events": theirs[4:]}),
    )
    for answer in outcomes[1:]:
        assert isinstance(answer, httpx.Response)
        assert answer.status_code == 200, answer.text
        assert {r["status"] for r in answer.json()["events"]} == {200}
    # whatever won each race, every deposit is completed once and credited once
    assert set((await states(banking, DEPOSITS)).values()) == {"completed"}
    entries = await entries_by_reference(banking)
    assert [entries.get(r, 0) for r in references] == [1] * len(references)
    expected = [sum(Decimal(a) for a in amounts[n::3]) for n in range(3)]
    assert [Decimal((await banking.balance(u))["posted"]) for u in users] == expected
    instructions = await states(banking, INSTRUCTIONS)
    assert {instructions[r] for r in references} == {"settled"}
    assert await banking.ledger_violation() is None
