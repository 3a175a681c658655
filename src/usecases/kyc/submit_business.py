"""Use case: submit the business I act for: legal name, constitution, GSTIN, registered
address and a business contact, which gets a one-time code. The step stays ``submitted``
(reason ``contact_unverified``) until the code comes back. Optional, but once started it is
required for level 3."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.business import (
    BusinessStep,
    Constitution,
    ContactChannel,
    check_gstin,
    parse_contact,
)
from domain.kyc.identity_numbers import Gstin
from domain.kyc.steps import CONTACT_UNVERIFIED, StepAlreadyVerified, StepState
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.identity.public.one_time_codes import OneTimeCodeService
from usecases.kyc.access import signed_in_user
from usecases.kyc.business_contact import send_contact_code
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.step_audit import step_submitted


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitBusiness:
    actor: Actor
    legal_name: str
    constitution: Constitution
    gstin: str
    registered_address: str
    contact_channel: ContactChannel
    contact: str


def _text(field: str, raw: str) -> str:
    value = " ".join(raw.split())
    if not value:
        raise invalid_field(field, "must not be blank", code="blank")
    return value


class SubmitBusinessHandler:
    def __init__(self, uow: KycUnitOfWork, codes: OneTimeCodeService, clock: Clock) -> None:
        self._uow = uow
        self._codes = codes
        self._clock = clock

    async def execute(self, cmd: SubmitBusiness) -> BusinessStep:
        user_id = signed_in_user(cmd.actor)
        legal_name = _text("legal_name", cmd.legal_name)
        address = _text("registered_address", cmd.registered_address)
        gstin = Gstin.parse(cmd.gstin)
        contact = parse_contact(cmd.contact_channel, cmd.contact)
        async with self._uow as uow:
            pan = await uow.pan.get(user_id)
            check_gstin(gstin, cmd.constitution, own_pan=None if pan is None else pan.pan)
            previous = await uow.business.get(user_id)
            if previous is not None and previous.state is StepState.VERIFIED:
                raise StepAlreadyVerified("the business step is already verified")
            now = self._clock.now()
            step = BusinessStep(
                user_id=user_id,
                legal_name=legal_name,
                constitution=cmd.constitution,
                gstin=gstin.value,
                registered_address=address,
                contact_channel=cmd.contact_channel,
                contact=contact,
                contact_verified_at=None,
                state=StepState.SUBMITTED,
                reason=CONTACT_UNVERIFIED,
                submitted_at=now,
                updated_at=now,
            )
            await send_contact_code(uow, self._codes, step)
            await uow.business.save(step)
            level = await sync_level(uow, user_id)
            uow.audit(
                step_submitted(
                    "kyc.submit_business",
                    "kyc_business",
                    actor=cmd.actor,
                    user_id=user_id,
                    previous=None if previous is None else previous.state,
                    state=step.state,
                    level=level,
                    details={
                        "constitution": step.constitution.value,
                        "gstin": step.gstin,
                        "contact": step.masked_contact,
                    },
                )
            )
            await uow.commit()
            return step
