"""KYC's implementation of the shared VerifiedBankAccounts port: the verified bank step is the
user's withdrawal destination."""

from __future__ import annotations

from collections.abc import Callable

from domain.kyc.bank import BankStep
from domain.kyc.steps import StepState
from domain.shared.ids import UserId
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.public.verified_bank_accounts import SealedAccountNumber, VerifiedBankAccount
from usecases.kyc.submit_bank_account import bank_account_context


class KycVerifiedBankAccounts:
    def __init__(self, uow_factory: Callable[[], KycUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def _verified(self, user_id: UserId) -> BankStep | None:
        async with self._uow_factory() as uow:
            step = await uow.bank.get(user_id)
        return step if step is not None and step.state is StepState.VERIFIED else None

    async def verified_account(self, user_id: UserId) -> VerifiedBankAccount | None:
        step = await self._verified(user_id)
        if step is None:
            return None
        return VerifiedBankAccount(
            user_id=step.user_id,
            masked_number=step.masked_number,
            ifsc=step.ifsc,
            holder_name=step.holder_name or "",
            bank_name=step.bank_name,
            branch=step.branch,
            verified_at=step.updated_at,
        )

    async def sealed_account_number(self, user_id: UserId) -> SealedAccountNumber | None:
        step = await self._verified(user_id)
        if step is None:
            return None
        return SealedAccountNumber(step.sealed_number, bank_account_context(user_id))
