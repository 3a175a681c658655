"""Use case: send my business contact a new one-time code (the last one expired or was lost)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.business import BusinessStep
from domain.kyc.steps import StepAlreadyVerified, StepNotStarted, StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.identity.public.one_time_codes import OneTimeCodeService
from usecases.kyc.access import signed_in_user
from usecases.kyc.business_contact import send_contact_code
from usecases.kyc.ports import KycUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestBusinessCode:
    actor: Actor


class RequestBusinessCodeHandler:
    def __init__(self, uow: KycUnitOfWork, codes: OneTimeCodeService) -> None:
        self._uow = uow
        self._codes = codes

    async def execute(self, cmd: RequestBusinessCode) -> BusinessStep:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            step = await uow.business.get(user_id)
            if step is None:
                raise StepNotStarted("submit the business details first")
            if step.state is StepState.VERIFIED:
                raise StepAlreadyVerified("the business step is already verified")
            await send_contact_code(uow, self._codes, step)
            uow.audit(
                AuditRecord(
                    action="kyc.request_business_code",
                    actor=cmd.actor,
                    resource_type="kyc_business",
                    resource_id=str(user_id),
                    after={"contact": step.masked_contact},
                )
            )
            await uow.commit()
            return step
