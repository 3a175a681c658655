"""Use case: an issuer's certificates by number, optionally one stakeholder's or one status."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.security import Security, SecurityStatus
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSecurities:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    stakeholder_id: UUID | None = None
    status: SecurityStatus | None = None


class ListSecuritiesHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListSecurities) -> Page[Security]:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            return await uow.cap_tables.securities_page(
                issuer.id,
                cmd.page,
                stakeholders=None if cmd.stakeholder_id is None else [cmd.stakeholder_id],
                status=cmd.status,
            )
