"""Issuing and checking one-time codes: cooldown, daily cap, keyed digests, attempts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta

from domain.identity.codes import new_otp_code
from domain.identity.errors import OtpCooldown, OtpDailyLimit, OtpInvalid
from domain.identity.ids import new_otp_id
from domain.identity.otp import OneTimeCode, OtpCheck, OtpPurpose, OtpRules, raise_for
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest

DAY = timedelta(days=1)


class OneTimeCodes:
    def __init__(
        self, digest: SecretDigest, rules: Mapping[OtpPurpose, OtpRules], clock: Clock
    ) -> None:
        self._digest = digest
        self._rules = rules
        self._clock = clock

    def rules(self, purpose: OtpPurpose) -> OtpRules:
        return self._rules[purpose]

    @staticmethod
    def _binding(purpose: OtpPurpose, destination: str, subject: str) -> str:
        return f"otp:{purpose}:{destination}:{subject}"

    async def issue(
        self, uow: IdentityUnitOfWork, *, purpose: OtpPurpose, destination: str, subject: str
    ) -> str:
        """A new code for ``destination``; raises ``OtpCooldown`` or ``OtpDailyLimit``.
        Returns the code itself, to be sent and then forgotten."""
        rules, now = self._rules[purpose], self._clock.now()
        last = await uow.otps.last_sent_at(purpose, destination)
        if last is not None and now - last < rules.cooldown:
            raise OtpCooldown(math.ceil((last + rules.cooldown - now).total_seconds()))
        if await uow.otps.sent_since(destination, now - DAY) >= rules.daily_cap:
            raise OtpDailyLimit(retry_after_seconds=int(DAY.total_seconds()))
        code = new_otp_code()
        await uow.otps.add(
            OneTimeCode.issue(
                id=new_otp_id(),
                purpose=purpose,
                destination=destination,
                subject=subject,
                code_digest=self._digest.digest(
                    code, purpose=self._binding(purpose, destination, subject)
                ),
                rules=rules,
                now=now,
            )
        )
        return code

    async def verify(
        self,
        uow: IdentityUnitOfWork,
        *,
        purpose: OtpPurpose,
        destination: str,
        subject: str,
        code: str,
    ) -> OneTimeCode:
        """The verified code record. A failed check is committed (the attempt counts) and
        then raised, so the caller's transaction holds nothing else at that point."""
        record = await uow.otps.latest_for_update(purpose, subject, destination)
        if record is None:
            raise OtpInvalid()
        matches = self._digest.matches(
            code, record.code_digest, purpose=self._binding(purpose, destination, subject)
        )
        outcome = record.attempt(matches=matches, now=self._clock.now())
        await uow.otps.save(record)
        if outcome is not OtpCheck.ACCEPTED:
            uow.audit(
                AuditRecord(
                    action="identity.one_time_code_rejected",
                    actor=Actor(kind="anonymous"),
                    resource_type="one_time_code",
                    resource_id=str(record.id),
                    after={"purpose": purpose.value, "outcome": outcome.value},
                )
            )
            await uow.commit()
            raise_for(outcome, attempts_left=record.attempts_left)
        return record
