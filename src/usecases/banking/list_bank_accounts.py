"""Use case: my linked bank accounts (masked), primary first, a page at a time. The first call
adopts the account verified in KYC (see ``kyc_account``)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.banking.bank_accounts import LinkedBankAccount
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.pagination import Page, PageRequest
from usecases.banking.access import signed_in_user
from usecases.banking.kyc_account import KycAccountAdopter, adoption_record
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBankAccounts:
    actor: Actor
    page: PageRequest


class ListBankAccountsHandler:
    def __init__(self, uow: BankingUnitOfWork, adopter: KycAccountAdopter, clock: Clock) -> None:
        self._uow = uow
        self._adopter = adopter
        self._clock = clock

    async def execute(self, cmd: ListBankAccounts) -> Page[LinkedBankAccount]:
        user_id = signed_in_user(cmd.actor)
        found = await self._adopter.fetch(user_id)
        async with self._uow as uow:
            adopted = await self._adopter.adopt(uow, cmd.actor, user_id, self._clock.now(), found)
            accounts = await uow.bank_accounts.page_of_user(user_id, cmd.page)
            if adopted is not None:
                uow.audit(adoption_record(cmd.actor, adopted))
                await uow.commit()
            return accounts
