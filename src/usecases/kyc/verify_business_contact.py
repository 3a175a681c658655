"""Use case: prove I control the business contact with the code it received; a right code
verifies the business step."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.business import BusinessStep, ContactCodeInvalid, ContactCodeUnusable
from domain.kyc.steps import StepAlreadyVerified, StepNotStarted, StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.identity.public.one_time_codes import CodeCheck, OneTimeCodeService
from usecases.kyc.access import signed_in_user
from usecases.kyc.business_contact import code_subject
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import KycUnitOfWork

_WHY = {
    CodeCheck.EXPIRED: "expired",
    CodeCheck.BLOCKED: "blocked after too many wrong tries",
    CodeCheck.USED: "already used",
    CodeCheck.MISSING: "not sent to this contact",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyBusinessContact:
    actor: Actor
    code: str

    def __repr__(self) -> str:
        return f"VerifyBusinessContact(actor={self.actor!r})"


class VerifyBusinessContactHandler:
    def __init__(self, uow: KycUnitOfWork, codes: OneTimeCodeService, clock: Clock) -> None:
        self._uow = uow
        self._codes = codes
        self._clock = clock

    async def execute(self, cmd: VerifyBusinessContact) -> BusinessStep:
        user_id = signed_in_user(cmd.actor)
        code = cmd.code.strip()
        if not (code.isdigit() and len(code) == 6):
            raise invalid_field("code", "must be 6 digits", code="invalid_format")
        async with self._uow as uow:
            step = await uow.business.get(user_id)
            if step is None:
                raise StepNotStarted("submit the business details first")
            if step.state is StepState.VERIFIED:
                raise StepAlreadyVerified("the business step is already verified")
            outcome = await self._codes.check(
                destination=step.contact, subject=code_subject(step), code=code
            )
            if outcome.check is CodeCheck.WRONG:
                raise ContactCodeInvalid(outcome.attempts_left)
            if outcome.check is not CodeCheck.ACCEPTED:
                raise ContactCodeUnusable(_WHY[outcome.check])
            step.contact_verified(self._clock.now())
            await uow.business.save(step)
            level = await sync_level(uow, user_id)
            uow.audit(
                AuditRecord(
                    action="kyc.verify_business_contact",
                    actor=cmd.actor,
                    resource_type="kyc_business",
                    resource_id=str(user_id),
                    before={"level": level.before},
                    after={
                        "level": level.after,
                        "state": step.state.value,
                        "contact": step.masked_contact,
                    },
                )
            )
            await uow.commit()
            return step
