"""Use case (the worker's): submit due rail instructions, one at a time.

The rail is never asked inside a transaction (docs/development.md). A short transaction claims
the oldest due instruction (``FOR UPDATE SKIP LOCKED``: several workers never take the same one)
by moving its due time past the longest the rail call can take; the rail is asked with no
transaction open; a second transaction records the outcome if the claim still holds. Collections
and payouts are idempotent by our reference on the rail's side, so a worker that dies mid-call
only makes the next one re-send once the claim lapses. A rail that is down is retried with a
doubling backoff; after ``rail_max_attempts`` the instruction is dead (logged for an operator)
and its transfer stays pending."""

from __future__ import annotations

import logging
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
    limit: int = 20


@dataclass(frozen=True, slots=True)
class _Claim:
    instruction: RailInstruction
    request: CollectionRequest | PayoutRequest
    until: datetime


class SubmitRailInstructionsHandler:
    def __init__(
        self,
        uow: BankingUnitOfWork,
        rail: BankRail,
        keys: BankAccountKeys,
        clock: Clock,
        *,
        max_attempts: int,
        claim_for: timedelta,
    ) -> None:
        self._uow = uow
        self._rail = rail
        self._keys = keys
        self._clock = clock
        self._max_attempts = max_attempts
        self._claim_for = claim_for  # longer than the rail call can take, retries included

    async def execute(self, cmd: SubmitRailInstructions) -> int:
        """How many instructions were taken (submitted or retried later)."""
        taken = 0
        while taken < cmd.limit and await self._submit_one():
            taken += 1
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
        async with self._uow as uow:
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
        async with self._uow as uow:
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
