"""The identity context's long-lived collaborators: adapters behind its ports and the
services its use cases share, built once per app from the container."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from adapters.persistence.identity.unit_of_work import CONSTRAINT_FIELDS, IdentitySqlUnitOfWork
from infrastructure.container import Container
from infrastructure.identity.config import identity_config
from infrastructure.identity.contacts import ContactValidator
from infrastructure.identity.jwt_codec import JoseTokenCodec
from infrastructure.identity.password_hasher import Argon2PasswordHasher
from infrastructure.identity.password_strength import ZxcvbnPasswordStrength
from infrastructure.identity.qr import SegnoQrRenderer
from infrastructure.identity.secret_digest import HmacSecretDigest
from infrastructure.identity.security_log import LoggingSecurityLog
from infrastructure.identity.signing_keys import SigningKeys, derive_key
from infrastructure.identity.totp import PyotpEngine
from infrastructure.identity.user_agents import UaParser
from usecases.identity.config import IdentityConfig
from usecases.identity.idle_sessions import IdleSessions
from usecases.identity.lockouts import Lockouts
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.password_rules import PasswordRules
from usecases.identity.second_factor import SecondFactor
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.sessions import Sessions
from usecases.identity.throttle import Throttle
from usecases.identity.user_access import UserAccessCache


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityKit:
    """The context's long-lived collaborators, built once per app."""

    container: Container
    config: IdentityConfig
    uow: Callable[[], IdentitySqlUnitOfWork]
    codec: JoseTokenCodec
    digest: HmacSecretDigest
    hasher: Argon2PasswordHasher
    rules: PasswordRules
    contacts: ContactValidator
    agents: UaParser
    throttle: Throttle
    recorder: SecurityRecorder
    lockouts: Lockouts
    access: UserAccessCache
    sessions: Sessions
    codes: OneTimeCodes
    second_factor: SecondFactor
    totp: PyotpEngine
    qr: SegnoQrRenderer
    idle: IdleSessions


def unit_of_work_factory(
    container: Container, *, require_audit: bool = True
) -> Callable[[], IdentitySqlUnitOfWork]:
    """``require_audit=False`` only for the authenticator's bookkeeping (an API key's last
    use), which is not a state change anyone audits."""

    def uow() -> IdentitySqlUnitOfWork:
        return IdentitySqlUnitOfWork(
            container.session_factory,
            notifier_factory=container.notifier_factory,
            constraint_fields=CONSTRAINT_FIELDS,
            clock=container.clock,
            require_audit=require_audit,
        )

    return uow


def build_kit(container: Container) -> IdentityKit:
    settings, clock = container.settings, container.clock
    config = identity_config(settings)
    secret = settings.secret_key.get_secret_value()
    configured = settings.jwt_signing_keys
    codec = JoseTokenCodec(
        SigningKeys.from_settings(configured.get_secret_value() if configured else None, secret),
        algorithm=settings.jwt_algorithm,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        clock=clock,
    )
    digest = HmacSecretDigest(derive_key(secret, "meridian/identity-digest/v1"))
    recorder = SecurityRecorder(LoggingSecurityLog())
    uow = unit_of_work_factory(container)
    access = UserAccessCache(container.cache, uow, ttl_seconds=config.user_access_cache_seconds)
    totp = PyotpEngine()
    return IdentityKit(
        container=container,
        config=config,
        uow=uow,
        codec=codec,
        digest=digest,
        hasher=Argon2PasswordHasher(
            memory_kib=settings.argon2_memory_kib,
            time_cost=settings.argon2_time_cost,
            parallelism=settings.argon2_parallelism,
        ),
        rules=PasswordRules(config.passwords, ZxcvbnPasswordStrength()),
        contacts=ContactValidator(default_region=settings.default_phone_region),
        agents=UaParser(),
        throttle=Throttle(container.rate_limiter, config.limits),
        recorder=recorder,
        lockouts=Lockouts(config.lockout, recorder),
        access=access,
        sessions=Sessions(
            codec=codec,
            digest=digest,
            denylist=container.denylist,
            recorder=recorder,
            access=access,
            config=config.tokens,
            clock=clock,
        ),
        codes=OneTimeCodes(digest, config.otp, clock),
        second_factor=SecondFactor(
            totp=totp,
            cipher=container.field_cipher,
            digest=digest,
            clock=clock,
            window=config.totp_window,
        ),
        totp=totp,
        qr=SegnoQrRenderer(),
        idle=IdleSessions(container.cache, container.denylist, clock),
    )
