"""Sending a registration code to one contact of a registration (first time or again)."""

from __future__ import annotations

from domain.identity.contact import ContactChannel
from domain.identity.otp import OtpPurpose
from domain.identity.registration import Registration
from usecases.identity import messages
from usecases.identity.identifiers import AccountIdentifier
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.ports import IdentityUnitOfWork


class RegistrationCodes:
    def __init__(self, codes: OneTimeCodes) -> None:
        self._codes = codes

    async def send(
        self, uow: IdentityUnitOfWork, registration: Registration, channel: ContactChannel
    ) -> None:
        """Issue a code (cooldown and daily cap apply) and queue it. When the contact already
        belongs to an account its owner gets a notice instead, so the API answers the same
        whether the account exists or not."""
        destination = registration.destination(channel)
        code = await self._codes.issue(
            uow,
            purpose=OtpPurpose.REGISTRATION,
            destination=destination,
            subject=str(registration.id),
        )
        if await AccountIdentifier(channel, destination).find(uow) is not None:
            await uow.notifier.notify(messages.account_exists(channel, destination))
            return
        ttl = self._codes.rules(OtpPurpose.REGISTRATION).ttl
        await uow.notifier.notify(messages.registration_code(channel, destination, code, ttl))

    async def verify(
        self,
        uow: IdentityUnitOfWork,
        registration: Registration,
        channel: ContactChannel,
        code: str,
    ) -> None:
        await self._codes.verify(
            uow,
            purpose=OtpPurpose.REGISTRATION,
            destination=registration.destination(channel),
            subject=str(registration.id),
            code=code,
        )
