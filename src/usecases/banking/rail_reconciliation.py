"""Reconciliation of one instruction the rail accepted: ask the rail where it stands (no
transaction open, docs/development.md) and, when it has settled or failed, settle its transfer
through ``TransferSettlement``, the webhook's own path, so a late webhook and reconciliation
never apply the same answer twice. Used by the worker (``reconcile_rail_instructions``) and by
operators (``reconcile_rail_instruction``)."""

from __future__ import annotations

import logging

from domain.banking.rail import (
    InstructionKind,
    RailEvent,
    RailEventType,
    RailInstruction,
)
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from usecases.banking.ports import BankingUnitOfWork
from usecases.banking.public import BankRail, RailOutcome, RailStatus, StatusQuery
from usecases.banking.settle_transfer import TransferSettlement

log = logging.getLogger("meridian.banking.reconciliation")

EVENT_TYPES = {
    (InstructionKind.COLLECTION, RailOutcome.SUCCEEDED): RailEventType.DEPOSIT_COMPLETED,
    (InstructionKind.COLLECTION, RailOutcome.FAILED): RailEventType.DEPOSIT_FAILED,
    (InstructionKind.PAYOUT, RailOutcome.SUCCEEDED): RailEventType.PAYOUT_SETTLED,
    (InstructionKind.PAYOUT, RailOutcome.FAILED): RailEventType.PAYOUT_FAILED,
}


def event_of(instruction: RailInstruction, status: RailStatus) -> RailEvent | None:
    """The rail event the status answer amounts to (``None``: nothing settled yet)."""
    kind = EVENT_TYPES.get((instruction.kind, status.outcome))
    if kind is None:
        return None
    return RailEvent(
        id=f"reconcile:{new_uuid()}",
        type=kind,
        reference=instruction.reference,
        rail_reference=status.rail_reference or instruction.rail_reference or "",
        amount=instruction.amount,
        currency=instruction.currency,
        failure_reason=status.failure_reason if status.outcome is RailOutcome.FAILED else None,
    )


class RailReconciler:
    def __init__(self, uow: BankingUnitOfWork, rail: BankRail, clock: Clock) -> None:
        self._rail = rail
        self._settlement = TransferSettlement(uow, clock)

    async def reconcile(self, instruction: RailInstruction, *, actor: Actor) -> RailStatus:
        """Ask and apply; raises ``BankRailError`` when the rail does not answer."""
        status = await self._rail.status(
            StatusQuery(
                kind="collection" if instruction.kind is InstructionKind.COLLECTION else "payout",
                reference=instruction.reference,
                rail_reference=instruction.rail_reference,
                amount=instruction.amount,
                currency=instruction.currency,
            )
        )
        event = event_of(instruction, status)
        if event is not None:
            await self._settlement.settle(event, actor=actor, source="reconciliation")
        elif status.outcome is RailOutcome.UNKNOWN:
            log.error(  # it accepted the instruction: an operator looks
                "the bank rail does not know a submitted instruction",
                extra={"reference": instruction.reference},
            )
        log.info(
            "bank rail instruction reconciled",
            extra={"reference": instruction.reference, "outcome": status.outcome.value},
        )
        return status
