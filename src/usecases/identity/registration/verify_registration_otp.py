"""Step 2 of registration: the code sent to the email address or to the mobile."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.contact import ContactChannel
from domain.identity.errors import RegistrationNotFound
from domain.identity.ids import RegistrationId
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.identity.origin_actor import origin_actor
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.registration.registration_codes import RegistrationCodes
from usecases.identity.registration.views import RegistrationView
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyRegistrationOtp:
    registration_id: RegistrationId
    channel: ContactChannel
    code: str
    origin: RequestOrigin


class VerifyRegistrationOtpHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        codes: RegistrationCodes,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._codes = codes
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: VerifyRegistrationOtp) -> RegistrationView:
        await self._throttle.guard(
            "register_verify", ip=cmd.origin.ip, account=str(cmd.registration_id)
        )
        async with self._uow as uow:
            registration = await uow.registrations.get_for_update(cmd.registration_id)
            if registration is None:
                raise RegistrationNotFound()
            registration.ensure_open(self._clock.now())
            if not registration.verified(cmd.channel):
                await self._codes.verify(uow, registration, cmd.channel, cmd.code)
                registration.mark_verified(cmd.channel, self._clock.now())
                await uow.registrations.save(registration)
                uow.audit(
                    AuditRecord(
                        action="identity.registration_contact_verified",
                        actor=origin_actor(cmd.origin),
                        resource_type="registration",
                        resource_id=str(registration.id),
                        after={"verified": cmd.channel.value},
                    )
                )
                await uow.commit()
        return RegistrationView.of(registration, self._clock.now())
