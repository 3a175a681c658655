"""Finish turning on two-factor with a first authenticator code; returns the recovery codes,
shown this once."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import TwoFactorAlreadyEnabled, TwoFactorInvalid, TwoFactorNotEnrolled
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity import messages
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.second_factor import SecondFactor
from usecases.identity.two_factor.views import RecoveryCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmTwoFactor:
    actor: Actor
    code: str


class ConfirmTwoFactorHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        second_factor: SecondFactor,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
        access: UserAccessCache | None = None,
    ) -> None:
        self._access = access  # dropped after a change: role two-factor rules read it
        self._uow = uow
        self._second_factor = second_factor
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: ConfirmTwoFactor) -> RecoveryCodes:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("two_factor", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            user = await uow.users.get(user_id)
            credential = await uow.totp.get_for_update(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            if credential is None:
                raise TwoFactorNotEnrolled()
            if credential.enabled:
                raise TwoFactorAlreadyEnabled()
            step = self._second_factor.authenticator_step(credential, cmd.code)
            if step is None:
                raise TwoFactorInvalid()
            now = self._clock.now()
            credential.enable(step, now)
            await uow.totp.put(credential)
            codes = await self._second_factor.new_recovery_codes(uow, user_id)
            await uow.notifier.notify(messages.two_factor_changed(user, enabled=True, at=now))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.TWO_FACTOR_ENABLED,
                    occurred_at=now,
                    user_id=user_id,
                    session_id=None,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        if self._access is not None:
            await self._access.forget(user_id)
        return RecoveryCodes(codes=tuple(codes))
