"""Use case (the worker's): reconcile instructions the rail accepted but whose webhook never came.

A submitted instruction the rail was last asked about (or accepted) longer ago than
``reconcile_after`` is claimed in a short transaction (``FOR UPDATE SKIP LOCKED``) by stamping
it as asked now, so no other worker asks about it before another interval; the rail is then
asked with no transaction open, and a settled or failed answer settles the transfer through the
webhook's own path (``TransferSettlement``: idempotent with a late webhook). A "still pending"
answer, an unknown reference (logged as an error) or a rail that is down leaves it for the next
interval."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from domain.banking.rail import RailInstruction
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.ports import BankingUnitOfWork
from usecases.banking.public import BankRail, BankRailError
from usecases.banking.rail_reconciliation import RailReconciler

log = logging.getLogger("meridian.banking.reconciliation")
RECONCILER_ACTOR = Actor.system("bank-rail-reconciler")


@dataclass(frozen=True, slots=True)
class ReconcileRailInstructions:
    limit: int = 20


class ReconcileRailInstructionsHandler:
    def __init__(
        self, uow: BankingUnitOfWork, rail: BankRail, clock: Clock, *, after: timedelta
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._after = after
        self._reconciler = RailReconciler(uow, rail, clock)

    async def execute(self, cmd: ReconcileRailInstructions) -> int:
        """How many instructions the rail was asked about."""
        asked = 0
        while asked < cmd.limit:
            instruction = await self._claim()
            if instruction is None:
                break
            asked += 1
            try:
                await self._reconciler.reconcile(instruction, actor=RECONCILER_ACTOR)
            except BankRailError as exc:
                log.warning(
                    "bank rail status not answered",
                    extra={"reference": instruction.reference, "error": type(exc).__name__},
                )
        return asked

    async def _claim(self) -> RailInstruction | None:
        async with self._uow as uow:
            now = self._clock.now()
            instruction = await uow.instructions.next_to_reconcile(now - self._after)
            if instruction is None:
                return None
            instruction.asked(at=now)
            await uow.instructions.save(instruction)
            uow.audit(
                AuditRecord(
                    action="banking.reconcile_rail_instruction",
                    actor=RECONCILER_ACTOR,
                    resource_type="rail_instruction",
                    resource_id=str(instruction.id),
                    after={"reference": instruction.reference, "asked_at": now.isoformat()},
                )
            )
            await uow.commit()
            return instruction
