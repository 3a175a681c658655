"""Use case: my currency conversions, newest first, in cursor pages."""

from __future__ import annotations

from dataclasses import dataclass

from domain.banking.fx import FxConversion
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListFxConversions:
    actor: Actor
    page: PageRequest


class ListFxConversionsHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListFxConversions) -> Page[FxConversion]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.fx_conversions.page(user_id, cmd.page)
