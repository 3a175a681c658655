"""The identity context's collaborators, each provided once: the adapters behind its ports,
the services its use cases share, and the ports it publishes to other contexts (the user
directory, the second-factor verifier, one-time codes, the authenticator)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from adapters.persistence.cursor import decode_cursor, encode_cursor
from adapters.persistence.identity.login_activity import SUSPICIOUS_ACTIVITY
from adapters.persistence.identity.statistics import SqlIdentityStatistics
from adapters.persistence.identity.unit_of_work import CONSTRAINT_FIELDS, IdentitySqlUnitOfWork
from domain.shared.clock import Clock
from infrastructure.banking.public import risk_activity as banking_risk_activity
from infrastructure.config.settings import Settings
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
from infrastructure.wiring.providers import Provider, once, per_use, value
from usecases.identity import ports
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.administration.user_directory import IdentityUserDirectory
from usecases.identity.api_keys.authenticate_api_key import ApiKeyAuthenticator
from usecases.identity.authentication import ports as authentication_ports
from usecases.identity.authentication.authenticate_bearer import BearerAuthenticator
from usecases.identity.authentication.idle_sessions import IdleSessions
from usecases.identity.authentication.lockouts import Lockouts
from usecases.identity.authentication.principal import PrincipalLookup
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.config import IdentityConfig
from usecases.identity.one_time_code_service import IdentityOneTimeCodeService
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.passwords import ports as password_ports
from usecases.identity.passwords.password_rules import PasswordRules
from usecases.identity.profile.me_cache import ProfileCache
from usecases.identity.public.authenticator import Authenticator
from usecases.identity.public.identity_statistics import IdentityStatistics
from usecases.identity.public.one_time_codes import OneTimeCodeService
from usecases.identity.public.risk_activity import RiskActivitySource
from usecases.identity.public.second_factor import SecondFactorVerifier
from usecases.identity.public.user_directory import UserDirectory
from usecases.identity.registration.registration_codes import RegistrationCodes
from usecases.identity.risk.list_suspicious_activity import CursorCodec
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle
from usecases.identity.two_factor import ports as two_factor_ports
from usecases.identity.two_factor.second_factor import SecondFactor
from usecases.identity.two_factor.second_factor_verifier import IdentitySecondFactorVerifier
from usecases.shared.ports.rate_limiter import RateLimiter


def unit_of_work(container: Container, *, require_audit: bool = True) -> IdentitySqlUnitOfWork:
    """``require_audit=False`` only for the authenticator's bookkeeping (an API key's last
    use), which is not a state change anyone audits."""
    return IdentitySqlUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
        require_audit=require_audit,
    )


def token_codec(settings: Settings, clock: Clock) -> JoseTokenCodec:
    configured = settings.jwt_signing_keys
    return JoseTokenCodec(
        SigningKeys.from_settings(
            configured.get_secret_value() if configured else None,
            settings.secret_key.get_secret_value(),
        ),
        algorithm=settings.jwt_algorithm,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        clock=clock,
    )


def secret_digest(settings: Settings) -> HmacSecretDigest:
    secret = settings.secret_key.get_secret_value()
    return HmacSecretDigest(derive_key(secret, "meridian/identity-digest/v1"))


def password_hasher(settings: Settings) -> Argon2PasswordHasher:
    return Argon2PasswordHasher(
        memory_kib=settings.argon2_memory_kib,
        time_cost=settings.argon2_time_cost,
        parallelism=settings.argon2_parallelism,
    )


def password_rules(config: IdentityConfig) -> PasswordRules:
    return PasswordRules(config.passwords, ZxcvbnPasswordStrength())


def contacts(settings: Settings) -> ContactValidator:
    return ContactValidator(default_region=settings.default_phone_region)


def throttle(limiter: RateLimiter, config: IdentityConfig) -> Throttle:
    return Throttle(limiter, config.limits)


def lockouts(config: IdentityConfig, recorder: SecurityRecorder) -> Lockouts:
    return Lockouts(config.lockout, recorder)


def user_access(
    container: Container, uow: Callable[[], ports.IdentityUnitOfWork], config: IdentityConfig
) -> UserAccessCache:
    return UserAccessCache(container.cache, uow, ttl_seconds=config.user_access_cache_seconds)


def profile_cache(container: Container, config: IdentityConfig) -> ProfileCache:
    return ProfileCache(container.cache, ttl_seconds=config.user_access_cache_seconds)


def sessions(
    container: Container,
    codec: authentication_ports.TokenCodec,
    digest: ports.SecretDigest,
    recorder: SecurityRecorder,
    access: UserAccessCache,
    config: IdentityConfig,
) -> Sessions:
    return Sessions(
        codec=codec,
        digest=digest,
        denylist=container.denylist,
        recorder=recorder,
        access=access,
        config=config.tokens,
        clock=container.clock,
    )


def one_time_codes(
    digest: ports.SecretDigest, config: IdentityConfig, clock: Clock
) -> OneTimeCodes:
    return OneTimeCodes(digest, config.otp, clock)


def second_factor(
    container: Container,
    totp: two_factor_ports.TotpEngine,
    digest: ports.SecretDigest,
    config: IdentityConfig,
) -> SecondFactor:
    return SecondFactor(
        totp=totp,
        cipher=container.field_cipher,
        digest=digest,
        clock=container.clock,
        window=config.totp_window,
    )


def risk_sources(container: Container) -> Sequence[RiskActivitySource]:
    """Risky events other contexts score, listed with risky logins (suspicious activity)."""
    return (banking_risk_activity(container),)


def authenticator(
    container: Container,
    codec: authentication_ports.TokenCodec,
    access: UserAccessCache,
    idle: IdleSessions,
    digest: ports.SecretDigest,
    recorder: SecurityRecorder,
) -> BearerAuthenticator:
    return BearerAuthenticator(
        codec=codec,
        principals=PrincipalLookup(
            container.cache, access, lambda: unit_of_work(container, require_audit=False)
        ),
        access=access,
        idle=idle,
        keys=ApiKeyAuthenticator(
            uow_factory=lambda: unit_of_work(container, require_audit=False),
            digest=digest,
            cipher=container.field_cipher,
            access=access,
            clock=container.clock,
            seen=container.cache,
            limiter=container.rate_limiter,
            recorder=recorder,
        ),
        uow_factory=lambda: unit_of_work(container, require_audit=False),
        recorder=recorder,
        clock=container.clock,
    )


COLLABORATORS: tuple[Provider, ...] = (
    per_use(ports.IdentityUnitOfWork, unit_of_work),
    once(IdentityConfig, identity_config),
    once(authentication_ports.TokenCodec, token_codec),
    once(ports.SecretDigest, secret_digest),
    once(password_ports.PasswordHasher, password_hasher),
    once(PasswordRules, password_rules),
    once(ports.ContactNormalizer, contacts),
    once(authentication_ports.UserAgentParser, UaParser),
    once(two_factor_ports.TotpEngine, PyotpEngine),
    once(two_factor_ports.QrRenderer, SegnoQrRenderer),
    once(ports.SecurityLog, LoggingSecurityLog),
    once(SecurityRecorder),
    once(Throttle, throttle),
    once(Lockouts, lockouts),
    once(UserAccessCache, user_access),
    once(ProfileCache, profile_cache),
    once(Sessions, sessions),
    once(OneTimeCodes, one_time_codes),
    once(RegistrationCodes),
    once(SecondFactor, second_factor),
    once(IdleSessions),
    value(
        CursorCodec,
        CursorCodec(  # the login-activity store's own cursors, so one cursor pages both
            lambda at, row_id: encode_cursor(at, row_id, scope=SUSPICIOUS_ACTIVITY),
            lambda cursor: decode_cursor(cursor, scope=SUSPICIOUS_ACTIVITY),
        ),
    ),
    once(Sequence[RiskActivitySource], risk_sources),
    once(Authenticator, authenticator),
    # Published to other contexts.
    once(UserDirectory, IdentityUserDirectory),
    once(SecondFactorVerifier, IdentitySecondFactorVerifier),
    once(OneTimeCodeService, IdentityOneTimeCodeService),
    once(IdentityStatistics, SqlIdentityStatistics),
)
