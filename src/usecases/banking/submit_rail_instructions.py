"""Use case (the worker's): submit due rail instructions in batches of ``concurrency``.

The rail is never asked inside a transaction (docs/development.md). A batch is: one short
transaction claims up to ``concurrency`` of the oldest due instructions (``FOR UPDATE SKIP
LOCKED``: batches and workers never take the same one) by moving their due time past the
longest the rail call can take, with one audit record each; the rail is asked about all of them
at once with no transaction open; one second transaction records every outcome whose claim
still holds (the rows locked in id order). A worker holds a pooled connection only inside those
two short transactions, never during the rail calls. Batches follow each other until ``limit``
instructions were taken or none is due; a rail call that fails (the process dying) ends the
run, and what its batch had claimed but not recorded is taken again once the claim lapses.
Collections and payouts are idempotent by our reference on the rail's side, so a worker that
dies mid-call only makes the next one re-send once the claim lapses. A rail that is down is
retried with a doubling backoff; after ``rail_max_attempts`` the instruction is dead (logged
for an operator) and its transfer stays pending. An instruction whose webhook settled it before
the acceptance was recorded keeps its settled state (the attempt is counted)."""

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
        while taken < cmd.limit:
            wanted = min(self._concurrency, cmd.limit - taken)
            claims = await self._claim(wanted)
            if not claims:
                break
            taken += len(claims)
            outcomes = await self._send_all(claims)
            await self._record(claims, outcomes)
            if len(claims) < wanted:  # nothing more is due
                break
        return taken

    async def _send_all(self, claims: list[_Claim]) -> list[RailAccepted | BankRailError]:
        """Every claimed request at once (a batch is at most ``concurrency``); a call that
        raises anything but a rail error cancels the others and ends the run."""

        async def one(claim: _Claim) -> RailAccepted | BankRailError:
            try:
                return await self._send(claim.request)
            except BankRailError as exc:
                return exc

        try:
            async with asyncio.TaskGroup() as calls:
                tasks = [calls.create_task(one(claim)) for claim in claims]
        except ExceptionGroup as failed:  # the first call's failure, as one call would raise it
            raise failed.exceptions[0] from None
        return [task.result() for task in tasks]

    async def _claim(self, limit: int) -> list[_Claim]:
        async with self._uows() as uow:
            now = self._clock.now()
            instructions = await uow.instructions.due(now, limit)
            if not instructions:
                return []
            until = now + self._claim_for
            claims = []
            for instruction in instructions:
                request = await self._request(uow, instruction)
                instruction.claim(until=until)
                claims.append(_Claim(instruction, request, until))
                uow.audit(
                    AuditRecord(
                        action="banking.claim_rail_instruction",
                        actor=WORKER_ACTOR,
                        resource_type="rail_instruction",
                        resource_id=str(instruction.id),
                        after={
                            "reference": instruction.reference,
                            "claimed_until": until.isoformat(),
                        },
                    )
                )
            await uow.instructions.save_all(instructions)
            await uow.commit()
            return claims

    async def _record(
        self, claims: list[_Claim], outcomes: list[RailAccepted | BankRailError]
    ) -> None:
        async with self._uows() as uow:
            now = self._clock.now()
            found = await uow.instructions.locked_all([c.instruction.id for c in claims])
            changed = []
            for claim, outcome in zip(claims, outcomes, strict=True):
                instruction = found.get(claim.instruction.id)
                if instruction is None:
                    continue
                if self._apply(instruction, claim, outcome, now):
                    changed.append(instruction)
                    uow.audit(_submission_record(instruction))
            if not changed:
                return
            await uow.instructions.save_all(changed)
            await uow.commit()

    def _apply(
        self,
        instruction: RailInstruction,
        claim: _Claim,
        outcome: RailAccepted | BankRailError,
        now: datetime,
    ) -> bool:
        """Record the rail's answer on the locked instruction; False when there is nothing to
        record (the claim lapsed and another worker took over: it records)."""
        if (
            instruction.state is InstructionState.SETTLED
            and isinstance(outcome, RailAccepted)
            and instruction.attempts == claim.instruction.attempts
        ):  # its webhook was faster than this record
            instruction.submitted_after_settling(at=now)
            return True
        if not instruction.claimed_until(claim.until):
            log.warning(
                "bank rail answer not recorded: the claim lapsed",
                extra={"reference": claim.instruction.reference},
            )
            return False
        if isinstance(outcome, BankRailError):
            instruction.failed_attempt(
                type(outcome).__name__, at=now, max_attempts=self._max_attempts
            )
            level = logging.ERROR if instruction.state is InstructionState.DEAD else logging.WARNING
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
        return True

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


def _submission_record(instruction: RailInstruction) -> AuditRecord:
    return AuditRecord(
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
