"""Forgot password: a reset code to the email address or mobile the person typed.

The answer is always the same (202), whether an account exists, is locked, or a code was sent
moments ago, so nobody learns which contacts have accounts — not even from how long it takes:
``execute`` only applies the rate limits and parses the identifier (the same work for every
identifier) and hands back ``send``, the lookup, code and message, which the caller runs after
answering (the HTTP route as a background task after the response; a script may simply await
it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from domain.identity.otp import OtpPurpose
from domain.shared.audit import AuditRecord
from domain.shared.errors import RateLimited
from usecases.identity import messages
from usecases.identity.identifiers import AccountIdentifier
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.origin_actor import origin_actor
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgotPassword:
    identifier: str
    origin: RequestOrigin


class ForgotPasswordHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        contacts: ContactNormalizer,
        codes: OneTimeCodes,
        throttle: Throttle,
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._codes = codes
        self._throttle = throttle

    async def execute(self, cmd: ForgotPassword) -> Callable[[], Awaitable[None]]:
        """Refuse (rate limit, malformed identifier) at once, or accept and return the work to
        run after answering."""
        await self._throttle.guard("forgot_password", ip=cmd.origin.ip)
        identifier = AccountIdentifier.parse(cmd.identifier, self._contacts)
        await self._throttle.guard("forgot_password", ip=None, account=identifier.value)

        async def send() -> None:
            await self._send(identifier, cmd.origin)

        return send

    async def _send(self, identifier: AccountIdentifier, origin: RequestOrigin) -> None:
        async with self._uow as uow:
            user = await identifier.find(uow)
            if user is None or user.is_blocked:
                return
            try:
                code = await self._codes.issue(
                    uow,
                    purpose=OtpPurpose.PASSWORD_RESET,
                    destination=identifier.value,
                    subject=str(user.id),
                )
            except RateLimited:
                return  # cooldown or daily cap: silently, like an unknown account
            ttl = self._codes.rules(OtpPurpose.PASSWORD_RESET).ttl
            await uow.notifier.notify(
                messages.password_reset_code(identifier.channel, identifier.value, code, ttl)
            )
            uow.audit(
                AuditRecord(
                    action="identity.password_reset_requested",
                    actor=origin_actor(origin, user.id),
                    resource_type="user",
                    resource_id=str(user.id),
                )
            )
            await uow.commit()
