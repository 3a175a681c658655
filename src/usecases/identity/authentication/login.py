"""Login with an email address or mobile number and a password.

An unknown account, a wrong password and a locked or blocked account get the same error and
cost the same hashing time. Every attempt is recorded; failures count towards lockout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.device import DeviceInfo
from domain.identity.errors import InvalidCredentials
from domain.identity.risk import (
    LoginBlockedByRisk,
    RiskAssessment,
    RiskDecision,
    RiskVerificationRequired,
)
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import ip_allowed
from domain.identity.user import Platform, User
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.authentication.devices import describe_device
from usecases.identity.authentication.lockouts import Lockouts
from usecases.identity.authentication.ports import (
    TokenClaims,
    TokenCodec,
    TokenType,
    UserAgentParser,
)
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.authentication.views import (
    LoginOutcome,
    SessionStarted,
    TwoFactorChallenge,
)
from usecases.identity.config import IdentityConfig
from usecases.identity.identifiers import AccountIdentifier
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork
from usecases.identity.profile.views import UserView
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.risk.login_risk import RECENT, score_login
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class Login:
    identifier: str
    password: str
    device_id: str | None = None
    device_name: str | None = None
    platform: Platform = Platform.WEB
    origin: RequestOrigin


class LoginHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        contacts: ContactNormalizer,
        hasher: PasswordHasher,
        sessions: Sessions,
        codec: TokenCodec,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        lockouts: Lockouts,
        throttle: Throttle,
        config: IdentityConfig,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._hasher = hasher
        self._sessions = sessions
        self._codec = codec
        self._agents = agents
        self._recorder = recorder
        self._lockouts = lockouts
        self._throttle = throttle
        self._config = config
        self._clock = clock

    async def execute(self, cmd: Login) -> LoginOutcome:
        await self._throttle.guard("login", ip=cmd.origin.ip)
        identifier = AccountIdentifier.parse(cmd.identifier, self._contacts)
        await self._throttle.guard("login", ip=None, account=identifier.value)
        device = describe_device(
            self._agents, cmd.origin, device_id=cmd.device_id, device_name=cmd.device_name
        )
        async with self._uow as uow:
            # the user, their access, their device and their recent activity in one read
            subject = await uow.users.for_login(
                identifier.channel,
                identifier.value,
                device_key=device.key,
                since=self._clock.now() - RECENT,
            )
            user = subject.user if subject else None
            check = await self._hasher.verify(cmd.password, user.password_hash if user else None)
            now = self._clock.now()
            if subject is None or user is None or not check.matches or not user.may_log_in(now):
                await self._fail(uow, cmd, identifier, user, device, now)
                await uow.commit()
                raise InvalidCredentials()
            access = subject.access
            refusal = self._refusal(user, access, cmd)
            if refusal is not None:  # same answer as a wrong password; the reason is logged
                await self._recorder.record(
                    uow,
                    SecurityEvent(
                        kind=SecurityEventKind.ACCESS_REFUSED,
                        occurred_at=now,
                        user_id=user.id,
                        reason=refusal,
                        identifier=identifier.value,
                        device=device,
                        request_id=cmd.origin.request_id,
                    ),
                )
                await uow.commit()
                raise InvalidCredentials()
            known = subject.device
            risk = score_login(subject, device)
            await uow.users.set_risk_score(user.id, risk.score)
            two_factor_on = access.two_factor_enabled
            await self._apply_risk(uow, cmd, identifier, user, device, risk, two_factor_on, now)
            if check.upgraded_hash or user.has_failures:
                user = await uow.users.get_for_update(user.id) or user
                user.record_successful_login(now)
                if check.upgraded_hash:
                    user.rehash_password(check.upgraded_hash, now)
                await uow.users.save(user)
            if two_factor_on:
                outcome = LoginOutcome(challenge=self._challenge(user, device, now))
                kind = SecurityEventKind.LOGIN_CHALLENGED
            else:
                tokens = await self._sessions.start(
                    uow, user, device, request_id=cmd.origin.request_id, known=known
                )
                me = UserView.of(user, two_factor_enabled=False)
                outcome = LoginOutcome(session=SessionStarted(user=me, tokens=tokens))
                kind = SecurityEventKind.LOGIN_SUCCEEDED
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=kind,
                    occurred_at=now,
                    user_id=user.id,
                    identifier=identifier.value,
                    device=device,
                    session_id=outcome.tokens.session_id if outcome.tokens else None,
                    request_id=cmd.origin.request_id,
                    risk=risk,
                ),
            )
            await uow.commit()
        return outcome

    async def _apply_risk(
        self,
        uow: IdentityUnitOfWork,
        cmd: Login,
        identifier: AccountIdentifier,
        user: User,
        device: DeviceInfo,
        risk: RiskAssessment,
        two_factor_on: bool,
        now: datetime,
    ) -> None:
        """Refuse a risky login: blocked outright, or needing a second factor it cannot give.
        A risky login with two-factor on goes on to the usual challenge."""
        decision = self._config.risk.decide(risk.score)
        if decision is RiskDecision.ALLOW or (
            decision is RiskDecision.SECOND_FACTOR and two_factor_on
        ):
            return
        error: LoginBlockedByRisk | RiskVerificationRequired = (
            LoginBlockedByRisk() if decision is RiskDecision.BLOCK else RiskVerificationRequired()
        )
        await self._recorder.record(
            uow,
            SecurityEvent(
                kind=SecurityEventKind.ACCESS_REFUSED,
                occurred_at=now,
                user_id=user.id,
                reason=f"{error.error_code}:score={risk.score}",
                identifier=identifier.value,
                device=device,
                request_id=cmd.origin.request_id,
                risk=risk,
            ),
        )
        await uow.commit()
        raise error

    @staticmethod
    def _refusal(user: User, access: UserAccess | None, cmd: Login) -> str | None:
        """Why a correct password may still not log in here: the platform or the address."""
        platform = cmd.platform
        if platform is Platform.API or not user.has_platform(platform):
            return f"platform_not_allowed:{platform.value}"
        if not ip_allowed(access.ip_allowlist if access else (), cmd.origin.ip):
            return "ip_not_allowed"
        return None

    def _challenge(self, user: User, device: DeviceInfo, now: datetime) -> TwoFactorChallenge:
        ttl = self._config.tokens.challenge_ttl
        token = self._codec.encode(
            TokenClaims(
                token_type=TokenType.TWO_FACTOR,
                subject=user.id,
                token_id=new_uuid().hex,
                issued_at=now,
                expires_at=now + ttl,
                device_id=device.device_id,
            )
        )
        return TwoFactorChallenge(challenge_token=token, expires_in=int(ttl.total_seconds()))

    async def _fail(
        self,
        uow: IdentityUnitOfWork,
        cmd: Login,
        identifier: AccountIdentifier,
        user: User | None,
        device: DeviceInfo,
        now: datetime,
    ) -> None:
        reason = "unknown_account"
        if user is not None:
            locked = await uow.users.get_for_update(user.id)
            user = locked or user
            if user.is_blocked:
                reason = "blocked"
            elif user.is_locked(now):
                reason = "locked"
            else:
                reason = "wrong_password"
                await self._lockouts.count_failure(
                    uow, user, device=device, now=now, request_id=cmd.origin.request_id
                )
        await self._recorder.record(
            uow,
            SecurityEvent(
                kind=SecurityEventKind.LOGIN_FAILED,
                occurred_at=now,
                user_id=user.id if user else None,
                reason=reason,
                identifier=identifier.value,
                device=device,
                request_id=cmd.origin.request_id,
            ),
        )
