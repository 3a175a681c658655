"""Use case: my withdrawals, newest first, in cursor pages."""

from __future__ import annotations

from dataclasses import dataclass

from domain.banking.transfers import Withdrawal
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListWithdrawals:
    actor: Actor
    page: PageRequest


class ListWithdrawalsHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListWithdrawals) -> Page[Withdrawal]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.withdrawals.page(user_id, cmd.page)
