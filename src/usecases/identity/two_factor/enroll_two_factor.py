"""Start turning on two-factor: a new authenticator secret, as an otpauth URI and a QR code.
Nothing changes for logins until the first code confirms it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import TwoFactorAlreadyEnabled
from domain.identity.two_factor import TotpCredential
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.config import IdentityConfig
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.ports import QrRenderer, TotpEngine
from usecases.identity.two_factor.second_factor import SecondFactor
from usecases.identity.two_factor.views import TwoFactorEnrollment


@dataclass(frozen=True, slots=True, kw_only=True)
class EnrollTwoFactor:
    actor: Actor


class EnrollTwoFactorHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        totp: TotpEngine,
        qr: QrRenderer,
        second_factor: SecondFactor,
        throttle: Throttle,
        config: IdentityConfig,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._totp = totp
        self._qr = qr
        self._second_factor = second_factor
        self._throttle = throttle
        self._config = config
        self._clock = clock

    async def execute(self, cmd: EnrollTwoFactor) -> TwoFactorEnrollment:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("two_factor", ip=cmd.actor.ip, account=str(user_id))
        secret = self._totp.new_secret()
        async with self._uow as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            existing = await uow.totp.get_for_update(user_id)
            if existing is not None and existing.enabled:
                raise TwoFactorAlreadyEnabled()
            await uow.totp.put(
                TotpCredential(
                    user_id=user_id,
                    sealed_secret=self._second_factor.seal(user_id, secret),
                    created_at=self._clock.now(),
                )
            )
            uow.audit(
                AuditRecord(
                    action="identity.two_factor_enrollment_started",
                    actor=cmd.actor,
                    resource_type="user",
                    resource_id=str(user_id),
                )
            )
            await uow.commit()
        uri = self._totp.provisioning_uri(
            secret, account=user.email, issuer=self._config.totp_issuer
        )
        return TwoFactorEnrollment(
            secret=secret, otpauth_uri=uri, qr_code=self._qr.png_data_uri(uri)
        )
