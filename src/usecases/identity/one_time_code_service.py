"""Identity's implementation of the shared one-time-codes port, for codes other contexts
send (KYC's business contact): the same store, digests, cooldown, daily cap and attempt
limit as identity's own codes, under one purpose (``kyc``), each call in its own transaction."""

from __future__ import annotations

from collections.abc import Callable

from domain.identity.errors import (
    OtpBlocked,
    OtpCooldown,
    OtpDailyLimit,
    OtpExpired,
    OtpInvalid,
    OtpUsed,
)
from domain.identity.otp import OtpPurpose
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.one_time_codes import (
    CodeCheck,
    CodeOutcome,
    CodeThrottled,
    IssuedCode,
)

_FAILURES: dict[type[Exception], CodeCheck] = {
    OtpExpired: CodeCheck.EXPIRED,
    OtpBlocked: CodeCheck.BLOCKED,
    OtpUsed: CodeCheck.USED,
}


class IdentityOneTimeCodeService:
    def __init__(
        self,
        uow_factory: Callable[[], IdentityUnitOfWork],
        codes: OneTimeCodes,
        *,
        purpose: OtpPurpose = OtpPurpose.KYC,
    ) -> None:
        self._uow_factory = uow_factory
        self._codes = codes
        self._purpose = purpose

    async def issue(self, *, destination: str, subject: str) -> IssuedCode:
        async with self._uow_factory() as uow:
            try:
                code = await self._codes.issue(
                    uow, purpose=self._purpose, destination=destination, subject=subject
                )
            except (OtpCooldown, OtpDailyLimit) as throttled:
                raise CodeThrottled(throttled.retry_after_seconds) from None
            uow.audit(
                AuditRecord(
                    action="identity.one_time_code_issued",
                    actor=Actor.system(),
                    resource_type="one_time_code",
                    resource_id=subject,
                    after={"purpose": self._purpose.value},
                )
            )
            await uow.commit()
        ttl = int(self._codes.rules(self._purpose).ttl.total_seconds())
        return IssuedCode(code=code, ttl_seconds=ttl)

    async def check(self, *, destination: str, subject: str, code: str) -> CodeOutcome:
        async with self._uow_factory() as uow:
            try:
                record = await self._codes.verify(
                    uow, purpose=self._purpose, destination=destination, subject=subject, code=code
                )
            except OtpInvalid as wrong:
                if wrong.attempts_left is None:
                    return CodeOutcome(CodeCheck.MISSING, 0)
                return CodeOutcome(CodeCheck.WRONG, wrong.attempts_left)
            except (OtpExpired, OtpBlocked, OtpUsed) as failed:
                return CodeOutcome(_FAILURES[type(failed)], 0)
            uow.audit(
                AuditRecord(
                    action="identity.one_time_code_accepted",
                    actor=Actor.system(),
                    resource_type="one_time_code",
                    resource_id=str(record.id),
                    after={"purpose": self._purpose.value},
                )
            )
            await uow.commit()
            return CodeOutcome(CodeCheck.ACCEPTED, record.attempts_left)
