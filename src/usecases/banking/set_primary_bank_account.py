"""Use case: make one of my verified linked accounts the primary one (withdrawals go there
when no account is named)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.bank_accounts import BankAccountNotFound, LinkedBankAccount
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class SetPrimaryBankAccount:
    actor: Actor
    account_id: UUID


class SetPrimaryBankAccountHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: SetPrimaryBankAccount) -> LinkedBankAccount:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            accounts = await uow.bank_accounts.of_user(user_id)
            chosen = next((a for a in accounts if a.id == cmd.account_id), None)
            if chosen is None:
                raise BankAccountNotFound(f"no bank account {cmd.account_id}")
            chosen.require_verified()
            previous = next((a for a in accounts if a.is_primary), None)
            if previous is not None and previous.id != chosen.id:
                previous.is_primary = False
                await uow.bank_accounts.save(previous)
                await uow.flush()  # one primary at a time (a partial unique index)
            chosen.is_primary = True
            await uow.bank_accounts.save(chosen)
            uow.audit(
                AuditRecord(
                    action="banking.set_primary_bank_account",
                    actor=cmd.actor,
                    resource_type="bank_account",
                    resource_id=str(chosen.id),
                    before={"primary": None if previous is None else str(previous.id)},
                    after={"primary": str(chosen.id)},
                )
            )
            await uow.commit()
            return chosen
