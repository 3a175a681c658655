"""Use case: an operator (``banking:operate``) reconciles one instruction now: the rail is asked
where it stands (whatever the worker's interval) and a settled or failed answer settles its
transfer through the webhook's own path (``TransferSettlement``: idempotent with a late
webhook). Only a ``submitted`` instruction can be reconciled (409
``rail_instruction_not_submitted``: a pending one was never accepted by the rail, a settled one
is done); a rail that does not answer is 503 ``bank_rail_unavailable``. The ask is audited; the
settlement is audited as the operator's."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.rail import BankRailDown, RailInstruction, RailInstructionNotFound
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.access import require_operator
from usecases.banking.ports import BankingUnitOfWork, InstructionView
from usecases.banking.public import BankRail, BankRailError, RailOutcome
from usecases.banking.rail_reconciliation import RailReconciler


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconcileRailInstruction:
    actor: Actor
    instruction_id: UUID


@dataclass(frozen=True, slots=True)
class Reconciled:
    view: InstructionView  # after the answer was applied
    rail_outcome: RailOutcome


class ReconcileRailInstructionHandler:
    def __init__(self, uow: BankingUnitOfWork, rail: BankRail, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock
        self._reconciler = RailReconciler(uow, rail, clock)

    async def execute(self, cmd: ReconcileRailInstruction) -> Reconciled:
        require_operator(cmd.actor)
        instruction = await self._ask(cmd)
        try:
            status = await self._reconciler.reconcile(instruction, actor=cmd.actor)
        except BankRailError:
            raise BankRailDown(f"the rail did not answer about {instruction.reference}") from None
        async with self._uow as uow:
            view = await uow.instructions.view(instruction.id)
        assert view is not None  # instructions are never deleted
        return Reconciled(view, status.outcome)

    async def _ask(self, cmd: ReconcileRailInstruction) -> RailInstruction:
        async with self._uow as uow:
            instruction = await uow.instructions.locked(cmd.instruction_id)
            if instruction is None:
                raise RailInstructionNotFound(f"no rail instruction {cmd.instruction_id}")
            instruction.ensure_submitted()
            now = self._clock.now()
            instruction.asked(at=now)
            await uow.instructions.save(instruction)
            uow.audit(
                AuditRecord(
                    action="banking.reconcile_rail_instruction",
                    actor=cmd.actor,
                    resource_type="rail_instruction",
                    resource_id=str(instruction.id),
                    after={"reference": instruction.reference, "asked_at": now.isoformat()},
                )
            )
            await uow.commit()
            return instruction
