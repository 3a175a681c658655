"""Use case: my deposits, newest first, in cursor pages."""

from __future__ import annotations

from dataclasses import dataclass

from domain.banking.transfers import Deposit
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListDeposits:
    actor: Actor
    page: PageRequest


class ListDepositsHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListDeposits) -> Page[Deposit]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.deposits.page(user_id, cmd.page)
