"""Use case: a company admin adds a stakeholder (a person or an institution)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.issuer import Address
from domain.captable.stakeholder import Stakeholder, StakeholderType
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateStakeholder:
    actor: Actor
    issuer_id: UUID
    legal_name: str
    stakeholder_type: StakeholderType
    email: str | None = None
    phone: str | None = None
    address: Address | None = None
    issuer_assigned_id: str | None = None


class CreateStakeholderHandler:
    def __init__(self, uow: CaptableUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateStakeholder) -> Stakeholder:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE)
            stakeholder = Stakeholder.new(
                issuer_id=issuer.id,
                legal_name=cmd.legal_name,
                stakeholder_type=cmd.stakeholder_type,
                email=cmd.email,
                phone=cmd.phone,
                address=cmd.address,
                issuer_assigned_id=cmd.issuer_assigned_id,
                now=self._clock.now(),
            )
            await uow.stakeholders.add(stakeholder)
            uow.audit(
                AuditRecord(
                    action="captable.create_stakeholder",
                    actor=cmd.actor,
                    resource_type="stakeholder",
                    resource_id=str(stakeholder.id),
                    after={
                        "issuer_id": str(issuer.id),
                        "stakeholder_type": stakeholder.stakeholder_type.value,
                    },
                )
            )
            await uow.commit()
        return stakeholder
