"""Second step of a login with two-factor on: the challenge and an authenticator or recovery
code. A challenge is good for a few minutes, a few wrong codes, and one success."""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.identity.errors import TokenInvalid, TwoFactorInvalid
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.clock import Clock
from usecases.identity.authentication.devices import describe_device
from usecases.identity.authentication.lockouts import Lockouts
from usecases.identity.authentication.ports import TokenCodec, TokenType, UserAgentParser
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.authentication.views import SessionStarted
from usecases.identity.config import IdentityConfig
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile.views import UserView
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor.second_factor import FactorUsed, SecondFactor
from usecases.shared.ports.token_denylist import TokenDenylist


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyTwoFactorLogin:
    challenge_token: str
    code: str
    device_name: str | None = None
    origin: RequestOrigin


class VerifyTwoFactorLoginHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        codec: TokenCodec,
        denylist: TokenDenylist,
        second_factor: SecondFactor,
        sessions: Sessions,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        lockouts: Lockouts,
        throttle: Throttle,
        config: IdentityConfig,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._codec = codec
        self._denylist = denylist
        self._second_factor = second_factor
        self._sessions = sessions
        self._agents = agents
        self._recorder = recorder
        self._lockouts = lockouts
        self._throttle = throttle
        self._config = config
        self._clock = clock

    async def execute(self, cmd: VerifyTwoFactorLogin) -> SessionStarted:
        await self._throttle.guard("login_2fa", ip=cmd.origin.ip)
        claims = self._codec.decode(cmd.challenge_token, expected=TokenType.TWO_FACTOR)
        if await self._denylist.is_denied(claims.token_id):
            raise TokenInvalid("This two-factor challenge was already answered: log in again.")
        window = math.ceil(self._config.tokens.challenge_ttl.total_seconds())
        await self._throttle.guard_challenge(claims.token_id, window)
        device = describe_device(
            self._agents, cmd.origin, device_id=claims.device_id, device_name=cmd.device_name
        )
        async with self._uow as uow:
            user = await uow.users.get_for_update(claims.subject)
            now = self._clock.now()
            if user is None or not user.may_log_in(now):
                raise TokenInvalid("This two-factor challenge can no longer be answered.")
            if await self._denylist.is_denied(claims.token_id):  # answered while we waited
                raise TokenInvalid("This two-factor challenge was already answered: log in again.")
            factor = await self._second_factor.verify(uow, user.id, cmd.code)
            if factor is None:
                await self._lockouts.count_failure(
                    uow, user, device=device, now=now, request_id=cmd.origin.request_id
                )
                await self._recorder.record(
                    uow,
                    SecurityEvent(
                        kind=SecurityEventKind.TWO_FACTOR_FAILED,
                        occurred_at=now,
                        user_id=user.id,
                        reason="wrong_code",
                        device=device,
                        request_id=cmd.origin.request_id,
                    ),
                )
                await uow.commit()
                raise TwoFactorInvalid()
            user.record_successful_login(now)
            await uow.users.save(user)
            tokens = await self._sessions.start(uow, user, device, request_id=cmd.origin.request_id)
            kinds = [SecurityEventKind.LOGIN_SUCCEEDED]
            if factor is FactorUsed.RECOVERY_CODE:
                kinds.append(SecurityEventKind.RECOVERY_CODE_USED)
            for kind in kinds:
                await self._recorder.record(
                    uow,
                    SecurityEvent(
                        kind=kind,
                        occurred_at=now,
                        user_id=user.id,
                        reason=factor.value,
                        device=device,
                        session_id=tokens.session_id,
                        request_id=cmd.origin.request_id,
                    ),
                )
            await self._denylist.deny(claims.token_id, until=claims.expires_at)
            await uow.commit()
        return SessionStarted(user=UserView.of(user, two_factor_enabled=True), tokens=tokens)
