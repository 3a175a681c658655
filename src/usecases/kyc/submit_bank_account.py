"""Use case: submit my bank account. The IFSC is looked up (bank and branch), the account is
proved by a penny drop, and the holder name the bank returns is matched against my verified
PAN's registered name (or my business's legal name when I act for one): at or above the
threshold the step is verified and the account becomes my withdrawal destination."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import uuid4

from domain.kyc.aadhaar_otp import KycProviderUnavailable
from domain.kyc.bank import (
    ACCOUNT_NOT_FOUND,
    BANK_RAIL_UNAVAILABLE,
    NAME_MISMATCH,
    BankAccountInUse,
    BankStep,
    IfscNotFound,
    PanRequired,
)
from domain.kyc.identity_numbers import BankAccountNumber, Ifsc
from domain.kyc.steps import StepAlreadyVerified, StepState
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from domain.shared.name_match import name_match_score
from usecases.banking.public import BankAccountNotFound, BankRail, BankRailUnavailable
from usecases.kyc.access import signed_in_user
from usecases.kyc.claims import claiming
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import IfscUnknown, KycProvider, KycUnitOfWork, ProviderUnavailable
from usecases.kyc.step_audit import step_submitted
from usecases.shared.ports.blind_index import BlindIndex
from usecases.shared.ports.field_cipher import FieldCipher

INDEX_KIND = "bank_account"


def bank_account_context(user_id: UserId) -> bytes:
    return f"kyc_bank:{user_id}".encode()


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitBankAccount:
    actor: Actor
    account_number: str
    ifsc: str

    def __repr__(self) -> str:  # never the number, even in a traceback
        return f"SubmitBankAccount(actor={self.actor!r}, ifsc={self.ifsc!r})"


class SubmitBankAccountHandler:
    def __init__(
        self,
        uow: KycUnitOfWork,
        provider: KycProvider,
        rail: BankRail,
        cipher: FieldCipher,
        index: BlindIndex,
        clock: Clock,
        *,
        threshold: float,
    ) -> None:
        self._uow = uow
        self._provider = provider
        self._rail = rail
        self._cipher = cipher
        self._index = index
        self._clock = clock
        self._threshold = threshold

    async def execute(self, cmd: SubmitBankAccount) -> BankStep:
        user_id = signed_in_user(cmd.actor)
        number = BankAccountNumber.parse(cmd.account_number)
        ifsc = Ifsc.parse(cmd.ifsc)
        digest = self._index.index(f"{ifsc.bank_code}:{number.value}", kind=INDEX_KIND)
        async with self._uow as uow:  # read only: is asking the provider and bank worth it?
            _, pan_name, _ = await self._check(uow, user_id, digest)
        # The provider and the bank are asked with no transaction open (docs/development.md).
        try:
            branch = await self._provider.lookup_ifsc(ifsc.value)
        except IfscUnknown:
            raise IfscNotFound() from None
        except ProviderUnavailable:
            raise KycProviderUnavailable() from None
        reference = f"kyc-{uuid4().hex}"
        holder: str | None = None  # the bank's answer, matched once the names are re-read
        reason: str | None
        state, reason = StepState.REJECTED, ACCOUNT_NOT_FOUND  # unless the bank answers
        try:
            result = await self._rail.penny_drop(
                number.value, ifsc.value, reference=reference, name=pan_name
            )
        except BankAccountNotFound:
            pass
        except BankRailUnavailable:
            state, reason = StepState.SUBMITTED, BANK_RAIL_UNAVAILABLE
        else:
            holder = result.holder_name
        async with claiming("account_number", BankAccountInUse), self._uow as uow:
            # Again: another account may have verified it, or my step or PAN changed meanwhile.
            previous, _, names = await self._check(uow, user_id, digest)
            score: float | None = None
            if holder is not None:
                score = max(name_match_score(name, holder) for name in names)
                matches = score >= self._threshold
                state = StepState.VERIFIED if matches else StepState.REJECTED
                reason = None if matches else NAME_MISMATCH
            now = self._clock.now()
            step = BankStep(
                user_id=user_id,
                sealed_number=self._cipher.encrypt(
                    number.value.encode(), context=bank_account_context(user_id)
                ),
                number_index=digest,
                masked_number=number.masked,
                ifsc=ifsc.value,
                bank_name=branch.bank,
                branch=branch.branch,
                holder_name=holder,
                name_match_score=score,
                penny_drop_reference=reference,
                state=state,
                reason=reason,
                submitted_at=now,
                updated_at=now,
            )
            await uow.bank.save(step)
            level = await sync_level(uow, user_id)
            uow.audit(
                step_submitted(
                    "kyc.submit_bank_account",
                    "kyc_bank",
                    actor=cmd.actor,
                    user_id=user_id,
                    previous=None if previous is None else previous.state,
                    state=state,
                    level=level,
                    details={
                        "reason": reason,
                        "masked_number": step.masked_number,
                        "ifsc": step.ifsc,
                        "name_match_score": score,
                        "penny_drop_reference": reference,
                    },
                )
            )
            await uow.commit()
            return step

    async def _check(
        self, uow: KycUnitOfWork, user_id: UserId, digest: str
    ) -> tuple[BankStep | None, str, list[str]]:
        """The account is no other account's verified one, my step is not verified yet and my
        PAN is: my previous step, my PAN's registered name and the names the holder may bear."""
        owner = await uow.bank.verified_owner_of_index(digest)
        if owner is not None and owner != user_id:
            raise BankAccountInUse()
        previous = await uow.bank.get(user_id)
        if previous is not None and previous.state is StepState.VERIFIED:
            raise StepAlreadyVerified("the bank step is already verified")
        pan = await uow.pan.get(user_id)
        if pan is None or pan.state is not StepState.VERIFIED or not pan.registered_name:
            raise PanRequired()
        business = await uow.business.get(user_id)
        names = [pan.registered_name] + ([business.legal_name] if business else [])
        return previous, pan.registered_name, names
