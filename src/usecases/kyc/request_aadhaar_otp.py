"""Use case: have the provider send an OTP to the mobile linked to my submitted Aadhaar."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.aadhaar_otp import (
    AadhaarOtpRules,
    AadhaarOtpSuperseded,
    KycProviderUnavailable,
    start_otp,
)
from domain.kyc.steps import AadhaarStep, StepAlreadyVerified, StepNotStarted, StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.kyc.access import signed_in_user
from usecases.kyc.ports import KycProvider, KycUnitOfWork, ProviderUnavailable
from usecases.kyc.submit_aadhaar import aadhaar_context
from usecases.shared.ports.field_cipher import FieldCipher


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestAadhaarOtp:
    actor: Actor


@dataclass(frozen=True, slots=True)
class AadhaarOtpSent:
    step: AadhaarStep
    expires_in_seconds: int


class RequestAadhaarOtpHandler:
    def __init__(
        self,
        uow: KycUnitOfWork,
        provider: KycProvider,
        cipher: FieldCipher,
        clock: Clock,
        *,
        rules: AadhaarOtpRules,
    ) -> None:
        self._uow = uow
        self._provider = provider
        self._cipher = cipher
        self._clock = clock
        self._rules = rules

    async def execute(self, cmd: RequestAadhaarOtp) -> AadhaarOtpSent:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:  # read only: is there a number to send an OTP for?
            asked = self._usable(await uow.aadhaar.get(user_id))
        number = self._cipher.decrypt(asked.sealed_number, context=aadhaar_context(user_id))
        # The provider is asked with no transaction open (docs/development.md).
        try:
            reference = await self._provider.request_aadhaar_otp(number.decode())
        except ProviderUnavailable:
            raise KycProviderUnavailable() from None
        async with self._uow as uow:
            step = self._usable(await uow.aadhaar.get(user_id))  # again: it may have changed
            if step.number_index != asked.number_index:
                raise AadhaarOtpSuperseded()  # the OTP went to the old number's mobile
            start_otp(step, reference=reference, now=self._clock.now())
            await uow.aadhaar.save(step)
            uow.audit(
                AuditRecord(
                    action="kyc.request_aadhaar_otp",
                    actor=cmd.actor,
                    resource_type="kyc_aadhaar",
                    resource_id=str(user_id),
                    after={"masked_number": step.masked_number},
                )
            )
            await uow.commit()
        return AadhaarOtpSent(step, int(self._rules.ttl.total_seconds()))

    @staticmethod
    def _usable(step: AadhaarStep | None) -> AadhaarStep:
        if step is None:
            raise StepNotStarted("submit your Aadhaar number first")
        if step.state is StepState.VERIFIED:
            raise StepAlreadyVerified("the Aadhaar step is already verified")
        return step
