"""What an operator may do to a rail instruction: retry only a dead one; cancel one the rail
has not accepted and no worker may be asking the rail about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.banking.rail import (
    InstructionKind,
    InstructionState,
    RailInstruction,
    RailInstructionInFlight,
    RailInstructionNotDead,
    RailInstructionSubmitted,
)
from domain.shared.ids import new_uuid

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def instruction(state: InstructionState, *, due: datetime = NOW) -> RailInstruction:
    return RailInstruction(
        id=new_uuid(),
        kind=InstructionKind.COLLECTION,
        reference=f"deposit:{new_uuid()}",
        amount=Decimal("10.00"),
        currency="INR",
        method="upi",
        bank_account_id=None,
        state=state,
        attempts=3,
        next_attempt_at=due,
        rail_reference=None,
        last_error="BankRailUnavailable",
        created_at=NOW,
        submitted_at=None,
    )


def test_a_dead_instruction_is_retried_due_now_with_its_attempts_reset() -> None:
    dead = instruction(InstructionState.DEAD, due=NOW - timedelta(hours=1))
    later = NOW + timedelta(minutes=5)
    dead.retry(at=later)
    assert (dead.state, dead.attempts, dead.next_attempt_at) == (
        InstructionState.PENDING,
        0,
        later,
    )


@pytest.mark.parametrize(
    "state", [InstructionState.PENDING, InstructionState.SUBMITTED, InstructionState.CANCELLED]
)
def test_only_a_dead_instruction_is_retried(state: InstructionState) -> None:
    with pytest.raises(RailInstructionNotDead):
        instruction(state).retry(at=NOW)


@pytest.mark.parametrize("state", [InstructionState.DEAD, InstructionState.PENDING])
def test_a_dead_or_due_instruction_is_cancelled(state: InstructionState) -> None:
    closed = instruction(state)
    closed.cancel(at=NOW)
    assert closed.state is InstructionState.CANCELLED


def test_an_accepted_instruction_is_not_cancelled() -> None:
    with pytest.raises(RailInstructionSubmitted):
        instruction(InstructionState.SUBMITTED).cancel(at=NOW)


def test_a_pending_instruction_not_yet_due_may_be_with_a_worker_and_is_not_cancelled() -> None:
    claimed = instruction(InstructionState.PENDING, due=NOW + timedelta(seconds=1))
    with pytest.raises(RailInstructionInFlight):
        claimed.cancel(at=NOW)
    assert claimed.state is InstructionState.PENDING
