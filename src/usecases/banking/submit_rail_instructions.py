"""Use case (the worker's): submit due rail instructions, ``concurrency`` at a time.

The rail is never asked inside a transaction (docs/development.md). Each of ``concurrency``
lanes repeats: a short transaction claims the oldest due instruction (``FOR UPDATE SKIP
LOCKED``: lanes and workers never take the same one) by moving its due time past the longest
the rail call can take; the rail is asked with no transaction open; a second transaction records
the outcome if the claim still holds. A lane holds a pooled connection only inside those two
short transactions, never during the rail call. A batch ends when ``limit`` instructions were
taken or none is due; a lane that fails (the database gone) cancels the others, and what they
had claimed but not recorded is taken again once the claim lapses. Collections
and payouts are idempotent by our reference on the rail's side, so a worker that dies mid-call
only makes the next one re-send once the claim lapses. A rail that is down is retried with a
doubling backoff; after ``rail_max_attempts`` the instruction is dead (logged for an operator)
and its transfer stays pending."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.bank_account_keys import BankAccountKeys
from usecases.banking.ports import BankingUnitOfWork
from usecases.banking.public import (
    BankRail,
    BankRailError,
    CollectionRequest,
    PayoutRequest,
    RailAccepted,
)

log = logging.getLogger("meridian.banking.rail")
WORKER_ACTOR = Actor.system("bank-rail-worker")


@dataclass(frozen=True, slots=True)
class SubmitRailInstructions:
    limit: int = 200


@dataclass(frozen=True, slots=True)
class _Claim:
    instruction: RailInstruction
    request: CollectionRequest | PayoutRequest
    until: datetime


class SubmitRailInstructionsHandler:
    def __init__(
        self,
        uows: Callable[[], BankingUnitOfWork],
        rail: BankRail,
        keys: BankAccountKeys,
        clock: Clock,
        *,
        max_attempts: int,
        claim_for: timedelta,
        concurrency: int = 1,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._uows = uows  # a unit of work per transaction: lanes run at once
        self._rail = rail
        self._keys = keys
        self._clock = clock
        self._max_attempts = max_attempts
        self._claim_for = claim_for  # longer than the rail call can take, retries included
        self._concurrency = concurrency

    async def execute(self, cmd: SubmitRailInstructions) -> int:
        """How many instructions were taken (submitted or retried later)."""
        taken = 0

        async def lane() -> None:
            nonlocal taken
            while taken < cmd.limit:
                taken += 1  # reserved before the claim, so lanes never overshoot the limit
                if not await self._submit_one():
                    taken -= 1
                    return

        try:
            async with asyncio.TaskGroup() as lanes:
                for _ in range(min(self._concurrency, cmd.limit)):
                    lanes.create_task(lane())
        except ExceptionGroup as failed:  # the first lane's failure, as one lane would raise it
            raise failed.exceptions[0] from None
        return taken

    async def _submit_one(self) -> bool:
        claim = await self._claim()
        if claim is None:
            return False
        try:
            accepted: RailAccepted | BankRailError = await self._send(claim.request)
        except BankRailError as exc:
            accepted = exc
        await self._record(claim, accepted)
        return True

    async def _claim(self) -> _Claim | None:
        async with self._uows() as uow:
            now = self._clock.now()
            instruction = await uow.instructions.next_due(now)
            if instruction is None:
                return None
            request = await self._request(uow, instruction)
            until = now + self._claim_for
            instruction.claim(until=until)
            await uow.instructions.save(instruction)
            uow.audit(
                AuditRecord(
                    action="banking.claim_rail_instruction",
                    actor=WORKER_ACTOR,
                    resource_type="rail_instruction",
                    resource_id=str(instruction.id),
                    after={"reference": instruction.reference, "claimed_until": until.isoformat()},
                )
            )
            await uow.commit()
            return _Claim(instruction, request, until)

    async def _record(self, claim: _Claim, outcome: RailAccepted | BankRailError) -> None:
        async with self._uows() as uow:
            now = self._clock.now()
            instruction = await uow.instructions.locked(claim.instruction.id)
            if instruction is None or not instruction.claimed_until(claim.until):
                log.warning(  # the claim lapsed and another worker took over: it records
                    "bank rail answer not recorded: the claim lapsed",
                    extra={"reference": claim.instruction.reference},
                )
                return
            if isinstance(outcome, BankRailError):
                instruction.failed_attempt(
                    type(outcome).__name__, at=now, max_attempts=self._max_attempts
                )
                level = (
                    logging.ERROR if instruction.state is InstructionState.DEAD else logging.WARNING
                )
                log.log(
                    level,
                    "bank rail instruction not accepted",
                    extra={
                        "reference": instruction.reference,
                        "attempts": instruction.attempts,
                        "state": instruction.state.value,
                    },
                )
            else:
                instruction.submitted(outcome.rail_reference, at=now)
            await uow.instructions.save(instruction)
            uow.audit(
                AuditRecord(
                    action="banking.submit_rail_instruction",
                    actor=WORKER_ACTOR,
                    resource_type="rail_instruction",
                    resource_id=str(instruction.id),
                    after={
                        "reference": instruction.reference,
                        "state": instruction.state.value,
                        "attempts": instruction.attempts,
                        "rail_reference": instruction.rail_reference,
                        "last_error": instruction.last_error,
                    },
                )
            )
            await uow.commit()

    async def _request(
        self, uow: BankingUnitOfWork, instruction: RailInstruction
    ) -> CollectionRequest | PayoutRequest:
        if instruction.kind is InstructionKind.COLLECTION:
            return CollectionRequest(
                reference=instruction.reference,
                amount=instruction.amount,
                currency=instruction.currency,
                method=instruction.method or "upi",
            )
        assert instruction.bank_account_id is not None  # a payout names its account
        account = await uow.bank_accounts.get(instruction.bank_account_id, include_removed=True)
        assert account is not None
        return PayoutRequest(
            reference=instruction.reference,
            amount=instruction.amount,
            currency=instruction.currency,
            account_number=self._keys.open(account.id, account.sealed_number),
            ifsc=account.ifsc,
            holder_name=account.holder_name,
        )

    async def _send(self, request: CollectionRequest | PayoutRequest) -> RailAccepted:
        """Asked with no transaction open (docs/development.md)."""
        if isinstance(request, CollectionRequest):
            return await self._rail.collect(request)
        return await self._rail.payout(request)
