"""Turn two-factor off: needs the password and an authenticator or recovery code."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import PasswordIncorrect, TwoFactorInvalid, TwoFactorNotEnabled
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity import messages
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.second_factor import SecondFactor


@dataclass(frozen=True, slots=True, kw_only=True)
class DisableTwoFactor:
    actor: Actor
    password: str
    code: str


class DisableTwoFactorHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        hasher: PasswordHasher,
        second_factor: SecondFactor,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
        access: UserAccessCache | None = None,
    ) -> None:
        self._access = access  # dropped after a change: role two-factor rules read it
        self._uow = uow
        self._hasher = hasher
        self._second_factor = second_factor
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: DisableTwoFactor) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("two_factor", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            user = await uow.users.get_for_update(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            credential = await uow.totp.get(user_id)
            if credential is None or not credential.enabled:
                raise TwoFactorNotEnabled()
            if not (await self._hasher.verify(cmd.password, user.password_hash)).matches:
                raise PasswordIncorrect("password")
            if await self._second_factor.verify(uow, user_id, cmd.code) is None:
                raise TwoFactorInvalid()
            now = self._clock.now()
            await uow.totp.remove(user_id)
            await uow.recovery_codes.remove_all(user_id)
            await uow.notifier.notify(messages.two_factor_changed(user, enabled=False, at=now))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.TWO_FACTOR_DISABLED,
                    occurred_at=now,
                    user_id=user_id,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        if self._access is not None:
            await self._access.forget(user_id)
