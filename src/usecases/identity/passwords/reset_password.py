"""Set a new password with a reset token (and the second factor when two-factor is on).

The account is unlocked, every session ends, and the owner is told."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import TokenInvalid, TwoFactorInvalid, TwoFactorRequired
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.clock import Clock
from domain.shared.ids import UserId, parse_uuid
from usecases.identity import messages
from usecases.identity.authentication.devices import describe_device
from usecases.identity.authentication.ports import UserAgentParser
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.passwords.password_rules import PasswordRules
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.passwords.verify_reset_otp import RESET_TICKET_PURPOSE
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.second_factor import SecondFactor

MAX_TOKEN_LENGTH = 512


@dataclass(frozen=True, slots=True, kw_only=True)
class ResetPassword:
    reset_token: str
    new_password: str
    two_factor_code: str | None = None
    origin: RequestOrigin


class ResetPasswordHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        digest: SecretDigest,
        rules: PasswordRules,
        hasher: PasswordHasher,
        second_factor: SecondFactor,
        sessions: Sessions,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._digest = digest
        self._rules = rules
        self._hasher = hasher
        self._second_factor = second_factor
        self._sessions = sessions
        self._agents = agents
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: ResetPassword) -> None:
        await self._throttle.guard("reset_password", ip=cmd.origin.ip)
        if not cmd.reset_token or len(cmd.reset_token) > MAX_TOKEN_LENGTH:
            raise TokenInvalid("This reset token is not valid.")
        ticket = self._digest.digest(cmd.reset_token, purpose=RESET_TICKET_PURPOSE)
        async with self._uow as uow:
            record = await uow.otps.by_ticket_for_update(ticket)
            user = (
                await uow.users.get_for_update(UserId(parse_uuid(record.subject)))
                if record
                else None
            )
            if record is None or user is None or user.is_blocked:
                raise TokenInvalid("This reset token is not valid.")
            now = self._clock.now()
            record.redeem(now)
            await self._rules.ensure_acceptable(
                cmd.new_password,
                field="new_password",
                hints=(user.email, user.phone, user.profile.full_name),
            )
            credential = await uow.totp.get(user.id)
            if credential is not None and credential.enabled:
                if not cmd.two_factor_code:
                    raise TwoFactorRequired()
                if await self._second_factor.verify(uow, user.id, cmd.two_factor_code) is None:
                    raise TwoFactorInvalid("two_factor_code")
            user.change_password(await self._hasher.hash(cmd.new_password), now)
            await uow.users.save(user)
            await uow.otps.save(record)
            ended = await self._sessions.end_all(uow, user, now=now, reason="password_reset")
            await uow.notifier.notify(messages.password_changed(user, at=now, reset=True))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.PASSWORD_RESET,
                    occurred_at=now,
                    user_id=user.id,
                    device=describe_device(self._agents, cmd.origin),
                    request_id=cmd.origin.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.ended_all(user.id, ended)
