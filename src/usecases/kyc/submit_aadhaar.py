"""Use case: submit my Aadhaar number, name and date of birth (sealed, indexed, masked).

Until the OTP provider arrives the step goes to ``pending_review``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.kyc.identity_numbers import AadhaarNumber
from domain.kyc.steps import AadhaarInUse, AadhaarStep, StepAlreadyVerified, StepState
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.kyc.access import signed_in_user
from usecases.kyc.claims import claiming
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.step_audit import step_submitted
from usecases.shared.ports.blind_index import BlindIndex
from usecases.shared.ports.field_cipher import FieldCipher

INDEX_KIND = "aadhaar"


def aadhaar_context(user_id: object) -> bytes:
    return f"kyc_aadhaar:{user_id}".encode()


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitAadhaar:
    actor: Actor
    aadhaar_number: str
    name: str
    date_of_birth: date

    def __repr__(self) -> str:  # never the number, even in a traceback
        return f"SubmitAadhaar(actor={self.actor!r}, name={self.name!r})"


class SubmitAadhaarHandler:
    def __init__(
        self, uow: KycUnitOfWork, cipher: FieldCipher, index: BlindIndex, clock: Clock
    ) -> None:
        self._uow = uow
        self._cipher = cipher
        self._index = index
        self._clock = clock

    async def execute(self, cmd: SubmitAadhaar) -> AadhaarStep:
        user_id = signed_in_user(cmd.actor)
        number = AadhaarNumber.parse(cmd.aadhaar_number)
        name = " ".join(cmd.name.split())
        if not name:
            raise invalid_field("name", "must not be blank", code="blank")
        now = self._clock.now()
        if cmd.date_of_birth >= now.date():
            raise invalid_field("date_of_birth", "must be in the past", code="out_of_range")
        digest = self._index.index(number.value, kind=INDEX_KIND)
        async with claiming("aadhaar_number", AadhaarInUse), self._uow as uow:
            owner = await uow.aadhaar.owner_of_index(digest)
            if owner is not None and owner != user_id:
                raise AadhaarInUse()
            previous = await uow.aadhaar.get(user_id)
            if previous is not None and previous.state is StepState.VERIFIED:
                raise StepAlreadyVerified("the Aadhaar step is already verified")
            step = AadhaarStep(
                user_id=user_id,
                sealed_number=self._cipher.encrypt(
                    number.value.encode(), context=aadhaar_context(user_id)
                ),
                number_index=digest,
                masked_number=number.masked,
                name=name,
                date_of_birth=cmd.date_of_birth,
                state=StepState.PENDING_REVIEW,
                reason=None,
                submitted_at=now,
                updated_at=now,
            )
            await uow.aadhaar.save(step)
            level = await sync_level(uow, user_id)
            uow.audit(
                step_submitted(
                    "kyc.submit_aadhaar",
                    "kyc_aadhaar",
                    actor=cmd.actor,
                    user_id=user_id,
                    previous=None if previous is None else previous.state,
                    state=step.state,
                    level=level,
                    details={"masked_number": step.masked_number},
                )
            )
            await uow.commit()
            return step
