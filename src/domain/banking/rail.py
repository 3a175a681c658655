"""Instructions to the bank rail (an outbox: written with the deposit or withdrawal, submitted
by the worker) and the events the rail sends back to the webhook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import Conflict, NotFound, Unavailable, ValidationFailed

MAX_BACKOFF_SECONDS = 900


class InstructionKind(StrEnum):
    COLLECTION = "collection"  # pull a deposit from the user's bank
    PAYOUT = "payout"  # push a withdrawal to the user's bank account


class InstructionState(StrEnum):
    PENDING = "pending"
    SUBMITTED = "submitted"
    DEAD = "dead"  # the rail kept failing: an operator looks (logged)
    CANCELLED = "cancelled"  # an operator failed its transfer: never submitted again
    SETTLED = "settled"  # the rail's answer (webhook or reconciliation) settled its transfer


class RailInstructionNotFound(NotFound):
    code = "rail_instruction_not_found"
    title = "Rail instruction not found"


class RailInstructionNotDead(Conflict):
    code = "rail_instruction_not_dead"
    title = "Only a dead rail instruction can be retried"


class RailInstructionSubmitted(Conflict):
    code = "rail_instruction_submitted"
    title = "The rail accepted this instruction: wait for its answer"


class RailInstructionNotSubmitted(Conflict):
    code = "rail_instruction_not_submitted"
    title = "Only an instruction the rail accepted can be reconciled"


class BankRailDown(Unavailable):
    code = "bank_rail_unavailable"
    title = "The bank rail did not answer: try again later"


class RailInstructionInFlight(Conflict):
    code = "rail_instruction_in_flight"
    title = "A worker may be asking the rail for this instruction now"


@dataclass(slots=True, kw_only=True)
class RailInstruction:
    id: UUID
    kind: InstructionKind
    reference: str  # deposit:<id> or withdrawal:<id>
    amount: Decimal
    currency: str
    method: str | None  # deposits
    bank_account_id: UUID | None  # payouts
    state: InstructionState
    attempts: int
    next_attempt_at: datetime
    rail_reference: str | None
    last_error: str | None
    created_at: datetime
    submitted_at: datetime | None

    def claim(self, *, until: datetime) -> None:
        """Taken by a worker that is asking the rail: no other worker takes it before ``until``
        (after it, a worker that died mid-call is replaced; the rail is idempotent by our
        reference)."""
        self.next_attempt_at = until

    def claimed_until(self, until: datetime) -> bool:
        """Still pending and still under the claim that ended at ``until`` (nobody took over)."""
        return self.state is InstructionState.PENDING and self.next_attempt_at == until

    def submitted(self, rail_reference: str, *, at: datetime) -> None:
        """Accepted by the rail; its webhook settles it. ``next_attempt_at`` is now the last time
        anyone asked the rail about it: reconciliation asks again a while after it."""
        self.state = InstructionState.SUBMITTED
        self.rail_reference = rail_reference
        self.submitted_at = at
        self.next_attempt_at = at
        self.attempts += 1
        self.last_error = None

    def submitted_after_settling(self, *, at: datetime) -> None:
        """The rail's webhook settled it before the worker recorded the rail's acceptance:
        the attempt is counted, its state stays settled."""
        self.submitted_at = self.submitted_at or at
        self.attempts += 1

    def asked(self, *, at: datetime) -> None:
        """Reconciliation asks the rail about it now: the next one waits a full interval."""
        self.next_attempt_at = at

    def settled(self, rail_reference: str, *, at: datetime) -> None:
        """The rail's answer settled its transfer (by webhook, or by reconciliation)."""
        self.state = InstructionState.SETTLED
        self.rail_reference = self.rail_reference or rail_reference
        self.next_attempt_at = at
        self.last_error = None

    def ensure_submitted(self) -> None:
        if self.state is not InstructionState.SUBMITTED:
            raise RailInstructionNotSubmitted(
                f"the instruction is {self.state.value}: only a submitted one waits for the rail"
            )

    def retry(self, *, at: datetime) -> None:
        """An operator sends a dead instruction again: due now, attempts counted afresh."""
        if self.state is not InstructionState.DEAD:
            raise RailInstructionNotDead(f"the instruction is {self.state.value}, not dead")
        self.state = InstructionState.PENDING
        self.attempts = 0
        self.next_attempt_at = at

    def cancel(self, *, at: datetime) -> None:
        """Its transfer was failed by an operator: no worker submits it afterwards. Refused
        once the rail accepted it (its answer is still to come) and while a worker may be
        asking the rail (pending, not yet due: claimed, or waiting for its next attempt)."""
        if self.state is InstructionState.SUBMITTED:
            raise RailInstructionSubmitted(
                f"the rail accepted {self.reference}: its settlement decides the transfer"
            )
        if self.state is InstructionState.PENDING and self.next_attempt_at > at:
            raise RailInstructionInFlight(
                f"{self.reference} is with a worker or waiting to be retried until "
                f"{self.next_attempt_at.isoformat()}: try again after that"
            )
        self.state = InstructionState.CANCELLED

    def failed_attempt(self, error: str, *, at: datetime, max_attempts: int) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        if self.attempts >= max_attempts:
            self.state = InstructionState.DEAD
            return
        delay = min(MAX_BACKOFF_SECONDS, 2**self.attempts)
        self.next_attempt_at = at + timedelta(seconds=delay)


class RailEventType(StrEnum):
    DEPOSIT_COMPLETED = "deposit.completed"
    DEPOSIT_FAILED = "deposit.failed"
    PAYOUT_SETTLED = "payout.settled"
    PAYOUT_FAILED = "payout.failed"

    @property
    def kind(self) -> str:
        return "deposit" if self.value.startswith("deposit.") else "withdrawal"

    @property
    def succeeded(self) -> bool:
        return self in (RailEventType.DEPOSIT_COMPLETED, RailEventType.PAYOUT_SETTLED)


@dataclass(frozen=True, slots=True, kw_only=True)
class RailEvent:
    id: str
    type: RailEventType
    reference: str
    rail_reference: str
    amount: Decimal
    currency: str
    failure_reason: str | None = None


class WebhookPayloadInvalid(ValidationFailed):
    code = "webhook_payload_invalid"
    title = "Webhook payload invalid"


class WebhookReferenceUnknown(ValidationFailed):
    code = "webhook_reference_unknown"
    title = "Webhook names no transfer of ours"


class WebhookEventReplayed(Conflict):
    code = "webhook_event_replayed"
    title = "Webhook event already received"
