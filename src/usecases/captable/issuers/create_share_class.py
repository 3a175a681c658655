"""Use case: a company admin adds a share class (its certificate prefix unique in the issuer;
its authorized shares change afterwards only by an adjustment event)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.captable.errors import CertificatePrefixTaken
from domain.captable.share_class import ClassType, ShareClass
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateShareClass:
    actor: Actor
    issuer_id: UUID
    name: str
    class_type: ClassType
    certificate_prefix: str
    initial_shares_authorized: str
    par_value: str | None = None
    price_per_share: str | None = None
    votes_per_share: str = "1"
    seniority: int = 1
    liquidation_preference_multiple: str = "1"
    participating: bool = False
    participation_cap_multiple: str | None = None
    conversion_ratio: str = "1"
    allows_fractions: bool = False
    board_approval_date: date | None = None
    stockholder_approval_date: date | None = None


class CreateShareClassHandler:
    def __init__(self, uow: CaptableUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateShareClass) -> ShareClass:
        async with self._uow as uow:
            issuer = await issuer_for(
                uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE, for_update=True
            )
            share_class = ShareClass.new(
                issuer_id=issuer.id,
                name=cmd.name,
                class_type=cmd.class_type,
                certificate_prefix=cmd.certificate_prefix,
                initial_shares_authorized=cmd.initial_shares_authorized,
                par_value=cmd.par_value,
                price_per_share=cmd.price_per_share,
                votes_per_share=cmd.votes_per_share,
                seniority=cmd.seniority,
                liquidation_preference_multiple=cmd.liquidation_preference_multiple,
                participating=cmd.participating,
                participation_cap_multiple=cmd.participation_cap_multiple,
                conversion_ratio=cmd.conversion_ratio,
                allows_fractions=cmd.allows_fractions,
                board_approval_date=cmd.board_approval_date,
                stockholder_approval_date=cmd.stockholder_approval_date,
                now=self._clock.now(),
            )
            if await uow.share_classes.prefix_taken(issuer.id, share_class.certificate_prefix):
                raise CertificatePrefixTaken(share_class.certificate_prefix)
            await uow.share_classes.add(share_class)
            uow.audit(
                AuditRecord(
                    action="captable.create_share_class",
                    actor=cmd.actor,
                    resource_type="share_class",
                    resource_id=str(share_class.id),
                    after={
                        "issuer_id": str(issuer.id),
                        "name": share_class.name,
                        "certificate_prefix": share_class.certificate_prefix,
                        "initial_shares_authorized": f"{share_class.initial_shares_authorized:f}",
                    },
                )
            )
            await uow.commit()
        return share_class
