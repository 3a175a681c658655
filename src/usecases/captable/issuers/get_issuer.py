"""Use case: one issuer I may see (anyone else's answers like an unknown one)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetIssuer:
    actor: Actor
    issuer_id: UUID


class GetIssuerHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetIssuer) -> Issuer:
        async with self._uow as uow:
            return await issuer_for(uow, cmd.actor, cmd.issuer_id)
