"""New recovery codes (the old ones stop working), confirmed with an authenticator code."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import TwoFactorInvalid, TwoFactorNotEnabled
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.second_factor import FactorUsed, SecondFactor
from usecases.identity.two_factor.views import RecoveryCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class RegenerateRecoveryCodes:
    actor: Actor
    code: str


class RegenerateRecoveryCodesHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        second_factor: SecondFactor,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._second_factor = second_factor
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: RegenerateRecoveryCodes) -> RecoveryCodes:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("two_factor", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            credential = await uow.totp.get(user_id)
            if credential is None or not credential.enabled:
                raise TwoFactorNotEnabled()
            factor = await self._second_factor.verify(uow, user_id, cmd.code)
            if factor is not FactorUsed.AUTHENTICATOR:
                raise TwoFactorInvalid()
            codes = await self._second_factor.new_recovery_codes(uow, user_id)
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.RECOVERY_CODES_REGENERATED,
                    occurred_at=self._clock.now(),
                    user_id=user_id,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        return RecoveryCodes(codes=tuple(codes))
