"""Check a password-reset code; a good one is exchanged for a single-use reset token."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.codes import new_opaque_token
from domain.identity.errors import OtpInvalid
from domain.identity.otp import OtpPurpose
from domain.shared.audit import AuditRecord
from usecases.identity.identifiers import AccountIdentifier
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.origin_actor import origin_actor
from usecases.identity.passwords.views import ResetTicket
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork, SecretDigest
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.throttle import Throttle

RESET_TICKET_PURPOSE = "reset-ticket"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyResetOtp:
    identifier: str
    code: str
    origin: RequestOrigin


class VerifyResetOtpHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        contacts: ContactNormalizer,
        codes: OneTimeCodes,
        digest: SecretDigest,
        throttle: Throttle,
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._codes = codes
        self._digest = digest
        self._throttle = throttle

    async def execute(self, cmd: VerifyResetOtp) -> ResetTicket:
        await self._throttle.guard("verify_reset", ip=cmd.origin.ip)
        identifier = AccountIdentifier.parse(cmd.identifier, self._contacts)
        await self._throttle.guard("verify_reset", ip=None, account=identifier.value)
        async with self._uow as uow:
            user = await identifier.find(uow)
            if user is None:
                raise OtpInvalid()
            record = await self._codes.verify(
                uow,
                purpose=OtpPurpose.PASSWORD_RESET,
                destination=identifier.value,
                subject=str(user.id),
                code=cmd.code,
            )
            ticket = new_opaque_token()
            record.grant_ticket(self._digest.digest(ticket, purpose=RESET_TICKET_PURPOSE))
            await uow.otps.save(record)
            uow.audit(
                AuditRecord(
                    action="identity.password_reset_code_verified",
                    actor=origin_actor(cmd.origin, user.id),
                    resource_type="user",
                    resource_id=str(user.id),
                )
            )
            await uow.commit()
        return ResetTicket(reset_token=ticket, expires_at=record.expires_at)
