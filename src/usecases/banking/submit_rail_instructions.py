"""Use case (the worker's): submit due rail instructions, one transaction each.

An instruction is locked (``FOR UPDATE SKIP LOCKED``: several workers never take the same one),
sent to the rail (collections and payouts are idempotent by our reference on the rail's side,
so a crash after sending and before committing only re-sends), and marked submitted. A rail
that is down is retried with a doubling backoff; after ``rail_max_attempts`` the instruction is
dead (logged for an operator) and its transfer stays pending."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.bank_account_keys import BankAccountKeys
from usecases.banking.ports import BankingUnitOfWork
from usecases.shared.ports.bank_rail import (
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


class SubmitRailInstructionsHandler:
    def __init__(
        self,
        uow: BankingUnitOfWork,
        rail: BankRail,
        keys: BankAccountKeys,
        clock: Clock,
        *,
        max_attempts: int,
    ) -> None:
        self._uow = uow
        self._rail = rail
        self._keys = keys
        self._clock = clock
        self._max_attempts = max_attempts

    async def execute(self, cmd: SubmitRailInstructions) -> int:
        """How many instructions were taken (submitted or retried later)."""
        taken = 0
        while taken < cmd.limit and await self._submit_one():
            taken += 1
        return taken

    async def _submit_one(self) -> bool:
        async with self._uow as uow:
            now = self._clock.now()
            instruction = await uow.instructions.next_due(now)
            if instruction is None:
                return False
            try:
                accepted = await self._send(uow, instruction)
            except BankRailError as exc:
                instruction.failed_attempt(
                    type(exc).__name__, at=now, max_attempts=self._max_attempts
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
                instruction.submitted(accepted.rail_reference, at=now)
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
            return True

    async def _send(self, uow: BankingUnitOfWork, instruction: RailInstruction) -> RailAccepted:
        if instruction.kind is InstructionKind.COLLECTION:
            return await self._rail.collect(
                CollectionRequest(
                    reference=instruction.reference,
                    amount=instruction.amount,
                    currency=instruction.currency,
                    method=instruction.method or "upi",
                )
            )
        assert instruction.bank_account_id is not None  # a payout names its account
        account = await uow.bank_accounts.get(instruction.bank_account_id, include_removed=True)
        assert account is not None
        return await self._rail.payout(
            PayoutRequest(
                reference=instruction.reference,
                amount=instruction.amount,
                currency=instruction.currency,
                account_number=self._keys.open(account.id, account.sealed_number),
                ifsc=account.ifsc,
                holder_name=account.holder_name,
            )
        )
