"""Use case: a company admin links a stakeholder to a platform user (by the user's code), who
from then on sees those holdings and certificates under ``/captable/me``; the user is told."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import StakeholderAlreadyLinked, StakeholderNotFound
from domain.captable.stakeholder import Stakeholder
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.errors import invalid_field
from usecases.captable import messages
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.ports import CaptableUnitOfWork
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkStakeholder:
    actor: Actor
    issuer_id: UUID
    stakeholder_id: UUID
    user_code: str


class LinkStakeholderHandler:
    def __init__(self, uow: CaptableUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: LinkStakeholder) -> Stakeholder:
        async with self._uow as uow:
            issuer = await issuer_for(
                uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE, for_update=True
            )
            stakeholder = await uow.stakeholders.get(issuer.id, cmd.stakeholder_id)
            if stakeholder is None:
                raise StakeholderNotFound(cmd.stakeholder_id)
            user_id = await self._users.user_id_for_code(cmd.user_code)
            if user_id is None:
                raise invalid_field("user_code", "no user has this code", code="unknown_user")
            if stakeholder.user_id == user_id:
                return stakeholder
            other = await uow.stakeholders.by_user(issuer.id, user_id)
            if other is not None:
                raise StakeholderAlreadyLinked()
            before = None if stakeholder.user_id is None else str(stakeholder.user_id)
            stakeholder.user_id = user_id
            await uow.stakeholders.link(stakeholder)
            uow.audit(
                AuditRecord(
                    action="captable.link_stakeholder",
                    actor=cmd.actor,
                    resource_type="stakeholder",
                    resource_id=str(stakeholder.id),
                    before={"user_id": before},
                    after={"user_id": str(user_id)},
                )
            )
            contact = await self._users.contact(user_id)
            if contact is not None:
                await uow.notifier.notify(messages.stakeholder_linked(contact, issuer))
            await uow.commit()
        return stakeholder
