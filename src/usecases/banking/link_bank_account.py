"""Use case: link a bank account for withdrawals. The number is sealed and blind-indexed, the
account is proved by a penny drop, and the holder name the bank returns is matched against the
name verified in my KYC bank step: at or above the threshold the account is verified (and
becomes primary if I have none); otherwise it is kept as failed, with the reason, and can
receive nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.banking.bank_accounts import (
    ACCOUNT_NOT_FOUND,
    NAME_MISMATCH,
    BankAccountAlreadyLinked,
    BankAccountSource,
    BankAccountState,
    LinkedBankAccount,
    VerifiedNameRequired,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.bank_details import BankAccountNumber, Ifsc
from domain.shared.clock import Clock
from domain.shared.errors import Unavailable
from domain.shared.ids import UserId, new_uuid
from domain.shared.name_match import name_match_score
from usecases.banking.access import signed_in_user
from usecases.banking.bank_account_keys import BankAccountKeys
from usecases.banking.kyc_account import KycAccount, KycAccountAdopter, adoption_record
from usecases.banking.ports import BankingUnitOfWork
from usecases.banking.public import BankAccountNotFound, BankRail, BankRailUnavailable


class BankRailDown(Unavailable):
    code = "bank_rail_unavailable"
    title = "The bank rail is unavailable"


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkBankAccount:
    actor: Actor
    account_number: str
    ifsc: str
    holder_name: str

    def __repr__(self) -> str:  # never the number, even in a traceback
        return f"LinkBankAccount(actor={self.actor!r}, ifsc={self.ifsc!r})"


class LinkBankAccountHandler:
    def __init__(
        self,
        uow: BankingUnitOfWork,
        rail: BankRail,
        keys: BankAccountKeys,
        adopter: KycAccountAdopter,
        clock: Clock,
        *,
        threshold: float,
    ) -> None:
        self._uow = uow
        self._rail = rail
        self._keys = keys
        self._adopter = adopter
        self._clock = clock
        self._threshold = threshold

    async def execute(self, cmd: LinkBankAccount) -> LinkedBankAccount:
        user_id = signed_in_user(cmd.actor)
        number = BankAccountNumber.parse(cmd.account_number)
        ifsc = Ifsc.parse(cmd.ifsc)
        found = await self._adopter.fetch(user_id)
        if found is None or not found.verified.holder_name:
            raise VerifiedNameRequired(
                "verify a bank account in KYC first: other accounts are matched against the "
                "holder name verified there"
            )
        verified_name = found.verified.holder_name
        index = self._keys.index(number, ifsc)
        now = self._clock.now()
        async with self._uow as uow:  # not committed: only whether the penny drop is worth it
            await self._adopt_and_check(uow, cmd.actor, user_id, index, now, found)
        # The bank is asked with no transaction open (docs/development.md).
        reference = f"bank-{new_uuid().hex}"
        holder: str | None = None
        score: float | None = None
        reason: str | None = None
        try:
            result = await self._rail.penny_drop(
                number.value, ifsc.value, reference=reference, name=cmd.holder_name
            )
        except BankAccountNotFound:
            reason = ACCOUNT_NOT_FOUND
        except BankRailUnavailable:
            raise BankRailDown(
                "the bank rail did not answer in time: nothing changed, try again"
            ) from None
        else:
            holder = result.holder_name
            score = name_match_score(holder, verified_name)
            reason = None if score >= self._threshold else NAME_MISMATCH
        async with self._uow as uow:
            # Again: the same account may have been linked meanwhile (another request).
            await self._adopt_and_check(uow, cmd.actor, user_id, index, now, found)
            state = BankAccountState.VERIFIED if reason is None else BankAccountState.FAILED
            others = await uow.bank_accounts.of_user(user_id)
            account_id = new_uuid()
            account = LinkedBankAccount(
                id=account_id,
                user_id=user_id,
                sealed_number=self._keys.seal(account_id, number),
                number_index=index,
                masked_number=number.masked,
                ifsc=ifsc.value,
                bank_name=None,
                holder_name=holder or cmd.holder_name,
                name_match_score=score,
                state=state,
                failure_reason=reason,
                is_primary=state is BankAccountState.VERIFIED
                and not any(a.is_primary for a in others),
                source=BankAccountSource.LINKED,
                penny_drop_reference=reference,
                created_at=now,
            )
            await uow.bank_accounts.add(account)
            uow.audit(
                AuditRecord(
                    action="banking.link_bank_account",
                    actor=cmd.actor,
                    resource_type="bank_account",
                    resource_id=str(account.id),
                    after={
                        "masked_number": account.masked_number,
                        "ifsc": account.ifsc,
                        "state": state.value,
                        "failure_reason": reason,
                        "name_match_score": score,
                        "is_primary": account.is_primary,
                        "penny_drop_reference": reference,
                    },
                )
            )
            await uow.commit()
            return account

    async def _adopt_and_check(
        self,
        uow: BankingUnitOfWork,
        actor: Actor,
        user_id: UserId,
        index: str,
        now: datetime,
        found: KycAccount | None,
    ) -> None:
        """Adopt the KYC account if it never was (audited), then refuse a number already linked
        (the KYC one included)."""
        adopted = await self._adopter.adopt(uow, actor, user_id, now, found)
        if adopted is not None:
            uow.audit(adoption_record(actor, adopted))
        if await uow.bank_accounts.by_index(user_id, index) is not None:
            raise BankAccountAlreadyLinked("this bank account is already linked")
