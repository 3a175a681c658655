"""Use case: check the Aadhaar OTP I received. A right one verifies the step when the
provider's name and date of birth match what I submitted (else it is rejected); a wrong one
counts an attempt (kept even though the request fails), up to the limit."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.aadhaar_otp import (
    AadhaarOtpBlocked,
    AadhaarOtpInvalid,
    AadhaarOtpRules,
    AadhaarOtpSuperseded,
    KycProviderUnavailable,
    check_otp_usable,
    count_wrong_otp,
    settle_otp,
)
from domain.kyc.steps import AadhaarStep, StepAlreadyVerified, StepNotStarted, StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.kyc.access import signed_in_user
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import AadhaarOtpWrong, KycProvider, KycUnitOfWork, ProviderUnavailable


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyAadhaarOtp:
    actor: Actor
    otp: str

    def __repr__(self) -> str:
        return f"VerifyAadhaarOtp(actor={self.actor!r})"


class VerifyAadhaarOtpHandler:
    def __init__(
        self,
        uow: KycUnitOfWork,
        provider: KycProvider,
        clock: Clock,
        *,
        rules: AadhaarOtpRules,
        threshold: float,
    ) -> None:
        self._uow = uow
        self._provider = provider
        self._clock = clock
        self._rules = rules
        self._threshold = threshold

    def _audit(
        self, uow: KycUnitOfWork, cmd: VerifyAadhaarOtp, step: AadhaarStep, level: int | None
    ) -> None:
        uow.audit(
            AuditRecord(
                action="kyc.verify_aadhaar_otp",
                actor=cmd.actor,
                resource_type="kyc_aadhaar",
                resource_id=str(step.user_id),
                after={
                    "state": step.state.value,
                    "reason": step.reason,
                    "otp_attempts": step.otp_attempts,
                }
                | ({} if level is None else {"level": level}),
            )
        )

    async def execute(self, cmd: VerifyAadhaarOtp) -> AadhaarStep:
        user_id = signed_in_user(cmd.actor)
        otp = cmd.otp.strip()
        if not (otp.isdigit() and len(otp) == 6):
            raise invalid_field("otp", "must be 6 digits", code="invalid_format")
        now = self._clock.now()
        async with self._uow as uow:  # read only: is there an OTP in flight to check?
            asked = self._started(await uow.aadhaar.get(user_id))
            reference = check_otp_usable(asked, self._rules, now=now)
        # The provider is asked with no transaction open (docs/development.md).
        wrong = False
        try:
            record = await self._provider.verify_aadhaar_otp(
                reference, otp, name=asked.name, date_of_birth=asked.date_of_birth
            )
        except ProviderUnavailable:
            raise KycProviderUnavailable() from None
        except AadhaarOtpWrong:
            wrong = True
        async with self._uow as uow:
            # Again: the OTP the provider answered for must still be the one in flight.
            step = self._started(await uow.aadhaar.get(user_id))
            if check_otp_usable(step, self._rules, now=now) != reference:
                raise AadhaarOtpSuperseded()
            if wrong:
                left = count_wrong_otp(step, self._rules, now=now)
                await uow.aadhaar.save(step)
                self._audit(uow, cmd, step, None)
                await uow.commit()
                raise AadhaarOtpInvalid(left) if left else AadhaarOtpBlocked()
            settle_otp(
                step,
                name=record.name,
                date_of_birth=record.date_of_birth,
                threshold=self._threshold,
                now=now,
            )
            await uow.aadhaar.save(step)
            level = await sync_level(uow, user_id)
            self._audit(uow, cmd, step, level.after)
            await uow.commit()
            return step

    @staticmethod
    def _started(step: AadhaarStep | None) -> AadhaarStep:
        if step is None:
            raise StepNotStarted("submit your Aadhaar number first")
        if step.state is StepState.VERIFIED:
            raise StepAlreadyVerified("the Aadhaar step is already verified")
        return step
