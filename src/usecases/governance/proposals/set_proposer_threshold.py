"""Use case: a company admin sets the voting power a holder needs to propose (0: any holder
with votes)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import PermissionDenied, invalid_field
from usecases.governance.access import issuer_standing
from usecases.governance.ports import GovernanceUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class SetProposerThreshold:
    actor: Actor
    issuer_id: UUID
    proposer_threshold: Decimal


class SetProposerThresholdHandler:
    def __init__(self, uow: GovernanceUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: SetProposerThreshold) -> Decimal:
        if cmd.proposer_threshold < 0:
            raise invalid_field("proposer_threshold", "must not be negative")
        async with self._uow as uow:
            found = await issuer_standing(uow, cmd.actor, cmd.issuer_id)
            if not found.admin:
                raise PermissionDenied("this needs a company admin of the issuer")
            before = await uow.settings.proposer_threshold(cmd.issuer_id)
            await uow.settings.put(cmd.issuer_id, cmd.proposer_threshold, self._clock.now())
            uow.audit(
                AuditRecord(
                    action="governance.set_proposer_threshold",
                    actor=cmd.actor,
                    resource_type="issuer",
                    resource_id=str(cmd.issuer_id),
                    before={"proposer_threshold": str(before)},
                    after={"proposer_threshold": str(cmd.proposer_threshold)},
                )
            )
            await uow.commit()
        return cmd.proposer_threshold
