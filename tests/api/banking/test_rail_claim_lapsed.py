"""A worker whose claim on a rail instruction lapses while the rail is answering it: another
worker re-claims the instruction and records its own answer; the first answer, arriving late,
is not recorded (a warning is logged). No timing: a clock the test moves, and the second
worker runs to completion inside the first one's rail call."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

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


def worker(banking: Banking, rail: Any, clock: FixedClock) -> SubmitRailInstructionsHandler:
    container = banking.container
    return SubmitRailInstructionsHandler(
        lambda: unit_of_work(container),
        rail,
        keys(container),
        clock,
        max_attempts=container.settings.bank_rail_max_attempts,
        claim_for=rail_claim_for(container.settings),
    )


class SlowRail:
    """Accepts every collection with a reference of its own; ``during_call`` (once) runs while
    the first call is out, as if the rail took longer than the claim."""

    def __init__(self) -> None:
        self.during_call: Callable[[], Awaitable[None]] | None = None
        self.calls = 0

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        self.calls += 1
        answer = RailAccepted(f"call_{self.calls}")
        hook, self.during_call = self.during_call, None
        if hook is not None:
            await hook()
        return answer

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        raise AssertionError("no payout in this test")


async def test_an_answer_after_the_claim_lapsed_is_not_recorded(
    banking: Banking, caplog: pytest.LogCaptureFixture
) -> None:
    alice = await banking.user()
    started = await banking.deposit(alice, "250.00")
    assert started.status_code == 201, started.text
    reference = f"deposit:{started.json()['id']}"
    clock = FixedClock(datetime.now(UTC))
    rail = SlowRail()
    claim_for = rail_claim_for(banking.container.settings)

    async def lapse_and_take_over() -> None:
        clock.advance(seconds=claim_for.total_seconds() + 1)  # the first claim has lapsed
        assert await worker(banking, rail, clock).execute(SubmitRailInstructions()) == 1

    rail.during_call = lapse_and_take_over
    with caplog.at_level(logging.WARNING, logger="meridian.banking.rail"):
        assert await worker(banking, rail, clock).execute(SubmitRailInstructions()) == 1

    assert rail.calls == 2  # the rail is idempotent by our reference: one transfer
    async with banking.container.engine.connect() as connection:
        row = (
            await connection.execute(
                text(
                    "SELECT state, rail_reference, attempts FROM banking_rail_instructions"
                    " WHERE reference = :reference"
                ),
                {"reference": reference},
            )
        ).one()
    assert (row.state, row.rail_reference, row.attempts) == ("submitted", "call_2", 1)
    lapsed = [
        r
        for r in caplog.records
        if r.getMessage() == "bank rail answer not recorded: the claim lapsed"
    ]
    assert [getattr(r, "reference", None) for r in lapsed] == [reference]
