"""Use case: remove one of my linked accounts (kept for the history of past withdrawals, never
shown again). Refused while a withdrawal to it is pending; removing the primary leaves none
primary until I choose one."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.bank_accounts import BankAccountInUse, BankAccountNotFound
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveBankAccount:
    actor: Actor
    account_id: UUID


class RemoveBankAccountHandler:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: RemoveBankAccount) -> None:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            await uow.lock_user(user_id)  # no withdrawal to it can start meanwhile
            account = await uow.bank_accounts.get(cmd.account_id)
            if account is None or account.user_id != user_id:
                raise BankAccountNotFound(f"no bank account {cmd.account_id}")
            if await uow.withdrawals.pending_to(account.id):
                raise BankAccountInUse(
                    "a withdrawal to this account is still pending; remove it once it settles"
                )
            was_primary = account.is_primary
            account.is_primary = False
            account.removed_at = self._clock.now()
            await uow.bank_accounts.save(account)
            uow.audit(
                AuditRecord(
                    action="banking.remove_bank_account",
                    actor=cmd.actor,
                    resource_type="bank_account",
                    resource_id=str(account.id),
                    before={"removed": False, "is_primary": was_primary},
                    after={"removed": True, "is_primary": False},
                )
            )
            await uow.commit()
