"""Use case: the issuers I may see, oldest first: every one for a platform admin, the ones
I administer for a company admin, none for anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import visible_issuers
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListIssuers:
    actor: Actor
    page: PageRequest


class ListIssuersHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListIssuers) -> Page[Issuer]:
        if not cmd.actor.is_authenticated:
            raise Unauthenticated("the cap table needs a signed-in caller")
        async with self._uow as uow:
            return await uow.issuers.page(visible_issuers(cmd.actor), cmd.page)
