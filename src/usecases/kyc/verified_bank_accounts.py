"""KYC's implementation of the shared VerifiedBankAccounts port: the verified bank step is the
user's withdrawal destination.

``KycVerifiedBankAccounts`` reads it in KYC's own short transaction; ``StepVerifiedBankAccounts``
reads it through the bank-step repository on another context's session (inside that context's
transaction: a withdrawal reads its destination where it holds the money), one read for both
answers."""

from __future__ import annotations

from collections.abc import Callable

from domain.kyc.bank import BankStep
from domain.kyc.steps import StepState
from domain.shared.ids import UserId
from usecases.kyc.ports import BankRepository, KycUnitOfWork
from usecases.kyc.public.verified_bank_accounts import SealedAccountNumber, VerifiedBankAccount
from usecases.kyc.submit_bank_account import bank_account_context


def _verified_view(step: BankStep) -> VerifiedBankAccount:
    return VerifiedBankAccount(
        user_id=step.user_id,
        masked_number=step.masked_number,
        ifsc=step.ifsc,
        holder_name=step.holder_name or "",
        bank_name=step.bank_name,
        branch=step.branch,
        verified_at=step.updated_at,
    )


def _only_verified(step: BankStep | None) -> BankStep | None:
    return step if step is not None and step.state is StepState.VERIFIED else None


class KycVerifiedBankAccounts:
    def __init__(self, uow_factory: Callable[[], KycUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def _verified(self, user_id: UserId) -> BankStep | None:
        async with self._uow_factory() as uow:
            step = await uow.bank.get(user_id)
        return _only_verified(step)

    async def verified_account(self, user_id: UserId) -> VerifiedBankAccount | None:
        step = await self._verified(user_id)
        return None if step is None else _verified_view(step)

    async def sealed_account_number(self, user_id: UserId) -> SealedAccountNumber | None:
        step = await self._verified(user_id)
        if step is None:
            return None
        return SealedAccountNumber(step.sealed_number, bank_account_context(user_id))


class StepVerifiedBankAccounts:
    """The port on a repository of the caller's session: the step read once per user."""

    def __init__(self, bank: BankRepository) -> None:
        self._bank = bank
        self._read: dict[UserId, BankStep | None] = {}

    async def _verified(self, user_id: UserId) -> BankStep | None:
        if user_id not in self._read:
            self._read[user_id] = _only_verified(await self._bank.get(user_id))
        return self._read[user_id]

    async def verified_account(self, user_id: UserId) -> VerifiedBankAccount | None:
        step = await self._verified(user_id)
        return None if step is None else _verified_view(step)

    async def sealed_account_number(self, user_id: UserId) -> SealedAccountNumber | None:
        step = await self._verified(user_id)
        if step is None:
            return None
        return SealedAccountNumber(step.sealed_number, bank_account_context(user_id))
