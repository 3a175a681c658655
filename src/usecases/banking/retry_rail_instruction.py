"""Use case: an operator (``banking:operate``) sends a ``dead`` rail instruction again: it is
``pending`` and due now with its attempts counted afresh, and the worker submits it on its next
round. Anything but a dead instruction is refused (409 ``rail_instruction_not_dead``); so is one
whose transfer was settled meanwhile (409 ``transfer_already_settled``)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.rail import RailInstructionNotFound
from domain.banking.transfers import TransferAlreadySettled, TransferState, parse_reference
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.access import require_operator
from usecases.banking.ports import BankingUnitOfWork, InstructionView


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryRailInstruction:
    actor: Actor
    instruction_id: UUID


class RetryRailInstructionHandler:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: RetryRailInstruction) -> InstructionView:
        require_operator(cmd.actor)
        async with self._uow as uow:
            instruction = await uow.instructions.locked(cmd.instruction_id)
            if instruction is None:
                raise RailInstructionNotFound(f"no rail instruction {cmd.instruction_id}")
            before = {
                "state": instruction.state.value,
                "attempts": instruction.attempts,
                "last_error": instruction.last_error,
            }
            now = self._clock.now()
            instruction.retry(at=now)
            await self._require_pending_transfer(uow, instruction.reference)
            await uow.instructions.save(instruction)
            view = await uow.instructions.view(instruction.id)
            assert view is not None  # locked above
            uow.audit(
                AuditRecord(
                    action="banking.retry_rail_instruction",
                    actor=cmd.actor,
                    resource_type="rail_instruction",
                    resource_id=str(instruction.id),
                    before=before,
                    after={
                        "reference": instruction.reference,
                        "state": instruction.state.value,
                        "attempts": instruction.attempts,
                        "next_attempt_at": now.isoformat(),
                    },
                )
            )
            await uow.commit()
        return view

    @staticmethod
    async def _require_pending_transfer(uow: BankingUnitOfWork, reference: str) -> None:
        parsed = parse_reference(reference)
        assert parsed is not None  # our own references
        kind, transfer_id = parsed
        transfer = await (uow.deposits if kind == "deposit" else uow.withdrawals).get(transfer_id)
        if transfer is not None and transfer.state is not TransferState.PENDING:
            raise TransferAlreadySettled(f"{reference} is already {transfer.state.value}")
