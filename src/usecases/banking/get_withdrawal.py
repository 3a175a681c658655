"""Use case: one of my withdrawals (anyone else's answers 404, like an unknown id)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.transfers import Withdrawal
from domain.shared.actor import Actor
from domain.shared.errors import NotFound
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


class WithdrawalNotFound(NotFound):
    code = "withdrawal_not_found"
    title = "Withdrawal not found"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetWithdrawal:
    actor: Actor
    withdrawal_id: UUID


class GetWithdrawalHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetWithdrawal) -> Withdrawal:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            withdrawal = await uow.withdrawals.get(cmd.withdrawal_id)
        if withdrawal is None or withdrawal.user_id != user_id:
            raise WithdrawalNotFound(f"no withdrawal {cmd.withdrawal_id}")
        return withdrawal
