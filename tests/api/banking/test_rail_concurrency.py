"""The rail worker submits with several lanes at once: every instruction is claimed and sent
exactly once (the rail counts calls per reference), several calls are out at the same time
(the rail only answers once four are waiting on it), and a worker that dies mid-batch leaves
what it had not claimed due for the next run and what it had claimed for after the claim
lapses. No timing asserts: a barrier, a clock the test moves, and a bound only against a hang."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from infrastructure.banking.unit_of_work import unit_of_work
from infrastructure.wiring.banking import keys, rail_claim_for
from tests.api.banking.conftest import Banking
from tests.support.clock import FixedClock
from usecases.banking.public import CollectionRequest, PayoutRequest, RailAccepted
from usecases.banking.submit_rail_instructions import (
    SubmitRailInstructions,
    SubmitRailInstructionsHandler,
)

INSTRUCTIONS = 24
LANES = 4


class CountingRail:
    """Accepts collections, counting calls per reference and the most out at once. The first
    ``together`` calls wait until that many are out (one lane at a time would never get
    there); the call numbered ``dies_at`` raises as if the process died."""

    def __init__(self, *, together: int = 0, dies_at: int | None = None) -> None:
        self.calls: Counter[str] = Counter()
        self.out = 0
        self.most_out = 0
        self._barrier = asyncio.Barrier(together) if together else None
        self._waiting = together
        self._dies_at = dies_at

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        self.calls[request.reference] += 1
        number = sum(self.calls.values())
        self.out += 1
        self.most_out = max(self.most_out, self.out)
        try:
            if self._barrier is not None and self._waiting > 0:
                self._waiting -= 1
                await self._barrier.wait()
            if number == self._dies_at:
                raise RuntimeError("the worker process died")
            await asyncio.sleep(0)
            return RailAccepted(f"rail_{request.reference}")
        finally:
            self.out -= 1

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        raise AssertionError("no payout in this test")


def worker(
    banking: Banking, rail: CountingRail, clock: FixedClock
) -> SubmitRailInstructionsHandler:
    container = banking.container
    return SubmitRailInstructionsHandler(
        lambda: unit_of_work(container),
        rail,
        keys(container),
        clock,
        max_attempts=container.settings.bank_rail_max_attempts,
        claim_for=rail_claim_for(container.settings),
        concurrency=LANES,
    )


async def deposits(banking: Banking) -> set[str]:
    alice = await banking.user(level=2)
    references = set()
    for n in range(INSTRUCTIONS):
        made = await banking.deposit(alice, f"{n + 1}.00")
        assert made.status_code == 201, made.text
        references.add(f"deposit:{made.json()['id']}")
    return references


async def rows(banking: Banking) -> dict[str, tuple[str, datetime]]:
    async with banking.container.engine.connect() as connection:
        found = await connection.execute(
            text("SELECT reference, state, next_attempt_at FROM banking_rail_instructions")
        )
        return {row.reference: (row.state, row.next_attempt_at) for row in found}


async def test_lanes_submit_every_instruction_exactly_once_several_at_a_time(
    banking: Banking,
) -> None:
    references = await deposits(banking)
    rail = CountingRail(together=LANES)
    clock = FixedClock(datetime.now(UTC))
    taken = await asyncio.wait_for(
        worker(banking, rail, clock).execute(SubmitRailInstructions()), timeout=120
    )
    assert taken == INSTRUCTIONS
    assert rail.calls == Counter(dict.fromkeys(references, 1))
    assert rail.most_out == LANES
    assert {state for state, _ in (await rows(banking)).values()} == {"submitted"}
    # Nothing is due any more: another run takes nothing and calls nobody.
    assert await worker(banking, rail, clock).execute(SubmitRailInstructions()) == 0
    assert sum(rail.calls.values()) == INSTRUCTIONS


async def test_a_worker_dying_mid_batch_leaves_the_rest_for_the_next_run(
    banking: Banking,
) -> None:
    references = await deposits(banking)
    clock = FixedClock(datetime.now(UTC))
    dying = CountingRail(dies_at=6)
    with pytest.raises(RuntimeError, match="the worker process died"):
        await asyncio.wait_for(
            worker(banking, dying, clock).execute(SubmitRailInstructions()), timeout=120
        )
    after_crash = await rows(banking)
    recorded = {r for r, (state, _) in after_crash.items() if state == "submitted"}
    due = {r for r, (state, at) in after_crash.items() if state == "pending" and at <= clock.now()}
    claimed = {
        r for r, (state, at) in after_crash.items() if state == "pending" and at > clock.now()
    }
    assert recorded | due | claimed == references
    assert set(dying.calls) - recorded <= claimed  # sent, answer not recorded: still claimed
    assert set(dying.calls) - recorded  # at least the dying call's
    assert due  # the batch stopped before the end
    assert all(count == 1 for count in dying.calls.values())

    # The next run takes what was never claimed, once each; claimed ones wait for the lapse.
    rail = CountingRail()
    assert await worker(banking, rail, clock).execute(SubmitRailInstructions()) == len(due)
    assert rail.calls == Counter(dict.fromkeys(due, 1))
    # Once the claims lapse, the instructions whose answer was never recorded go out again
    # (the rail is idempotent by our reference); a recorded one never does.
    clock.advance(seconds=rail_claim_for(banking.container.settings).total_seconds() + 1)
    lapsed = CountingRail()
    assert await worker(banking, lapsed, clock).execute(SubmitRailInstructions()) == len(claimed)
    assert lapsed.calls == Counter(dict.fromkeys(claimed, 1))
    assert {state for state, _ in (await rows(banking)).values()} == {"submitted"}
    every_call = dying.calls + rail.calls + lapsed.calls
    assert all(every_call[r] == 1 for r in recorded | due)
