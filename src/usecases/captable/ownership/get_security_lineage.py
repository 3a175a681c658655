"""Use case: where a certificate came from and what became of it (transfers, splits,
conversions, partial cancellations), back to its issuance and on to what is held today."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import SecurityNotFound
from domain.captable.lineage import Lineage, lineage_of
from domain.shared.actor import Actor
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetSecurityLineage:
    actor: Actor
    issuer_id: UUID
    security_id: UUID


class GetSecurityLineageHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetSecurityLineage) -> Lineage:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            related = [
                s for s in await uow.cap_tables.related(cmd.security_id) if s.issuer_id == issuer.id
            ]
        found = lineage_of(cmd.security_id, related)
        if found is None:
            raise SecurityNotFound(cmd.security_id)
        return found
