"""The bank account verified in KYC becomes the user's first linked (primary) account on their
first banking use (listing accounts, linking one, or withdrawing): re-sealed under banking's
own context, in the caller's transaction and audited. Adopted once: removing it later does not
bring it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.banking.bank_accounts import BankAccountSource, BankAccountState, LinkedBankAccount
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.bank_details import BankAccountNumber, Ifsc
from domain.shared.ids import UserId, new_uuid
from usecases.banking.bank_account_keys import BankAccountKeys
from usecases.banking.ports import BankingUnitOfWork
from usecases.kyc.public.verified_bank_accounts import (
    SealedAccountNumber,
    VerifiedBankAccount,
    VerifiedBankAccounts,
)


@dataclass(frozen=True, slots=True)
class KycAccount:
    verified: VerifiedBankAccount
    sealed: SealedAccountNumber


class KycAccountAdopter:
    """``fetch`` reads KYC: in KYC's own short transaction before the caller's opens, or, given
    ``within`` (the reader on the caller's unit of work), inside the caller's transaction;
    ``adopt`` writes inside it. A request holds one pooled connection at a time."""

    def __init__(self, kyc: VerifiedBankAccounts, keys: BankAccountKeys) -> None:
        self._kyc = kyc
        self._keys = keys

    async def fetch(
        self, user_id: UserId, *, within: VerifiedBankAccounts | None = None
    ) -> KycAccount | None:
        kyc = self._kyc if within is None else within
        verified = await kyc.verified_account(user_id)
        sealed = await kyc.sealed_account_number(user_id)
        if verified is None or sealed is None:
            return None
        return KycAccount(verified, sealed)

    async def adopt(
        self,
        uow: BankingUnitOfWork,
        actor: Actor,
        user_id: UserId,
        now: datetime,
        found: KycAccount | None,
    ) -> LinkedBankAccount | None:
        """Add the KYC account if it was never adopted; the new account (the caller audits it
        with ``adoption_record``), or None."""
        if found is None or await uow.bank_accounts.has_adopted_kyc(user_id):
            return None
        verified = found.verified
        number = BankAccountNumber(
            self._keys.open_foreign(found.sealed.token, found.sealed.context)
        )
        ifsc = Ifsc(verified.ifsc)
        index = self._keys.index(number, ifsc)
        existing = await uow.bank_accounts.by_index(user_id, index)
        if existing is not None:  # linked by hand before the KYC step finished
            return None
        others = await uow.bank_accounts.of_user(user_id)
        account_id = new_uuid()
        account = LinkedBankAccount(
            id=account_id,
            user_id=user_id,
            sealed_number=self._keys.seal(account_id, number),
            number_index=index,
            masked_number=number.masked,
            ifsc=ifsc.value,
            bank_name=verified.bank_name,
            holder_name=verified.holder_name,
            name_match_score=None,
            state=BankAccountState.VERIFIED,
            failure_reason=None,
            is_primary=not any(a.is_primary for a in others),
            source=BankAccountSource.KYC,
            penny_drop_reference=None,
            created_at=now,
        )
        await uow.bank_accounts.add(account)
        return account


def adoption_record(actor: Actor, account: LinkedBankAccount) -> AuditRecord:
    """The audit record the caller adds when ``adopt`` added an account."""
    return AuditRecord(
        action="banking.adopt_kyc_bank_account",
        actor=actor,
        resource_type="bank_account",
        resource_id=str(account.id),
        after={
            "masked_number": account.masked_number,
            "ifsc": account.ifsc,
            "is_primary": account.is_primary,
            "source": account.source.value,
        },
    )
