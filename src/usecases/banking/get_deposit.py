"""Use case: one of my deposits (anyone else's answers 404, like an unknown id)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.transfers import Deposit
from domain.shared.actor import Actor
from domain.shared.errors import NotFound
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


class DepositNotFound(NotFound):
    code = "deposit_not_found"
    title = "Deposit not found"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetDeposit:
    actor: Actor
    deposit_id: UUID


class GetDepositHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetDeposit) -> Deposit:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            deposit = await uow.deposits.get(cmd.deposit_id)
        if deposit is None or deposit.user_id != user_id:
            raise DepositNotFound(f"no deposit {cmd.deposit_id}")
        return deposit
