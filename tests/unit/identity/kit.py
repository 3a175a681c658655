"""Use cases of the identity context assembled over in-memory fakes and a FixedClock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from domain.identity.profile import Profile
from domain.identity.user import User
from domain.shared.ids import UserId, new_uuid
from infrastructure.cache.memory import MemoryCache
from infrastructure.cache.token_denylist import CacheTokenDenylist
from infrastructure.identity.contacts import ContactValidator
from infrastructure.identity.jwt_codec import JoseTokenCodec
from infrastructure.identity.secret_digest import HmacSecretDigest
from infrastructure.identity.signing_keys import SigningKeys
from infrastructure.ratelimit.limiter import MovingWindowLimiter, rate_limit_storage
from tests.support.clock import FixedClock
from tests.unit.identity.fakes import FakeUnitOfWork, MemoryLog, NoAgents, PlainHasher, World
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.authentication.authenticate_bearer import BearerAuthenticator
from usecases.identity.authentication.lockouts import Lockouts
from usecases.identity.authentication.login import LoginHandler
from usecases.identity.authentication.principal import PrincipalLookup
from usecases.identity.authentication.refresh_token import RefreshTokenHandler
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.config import IdentityConfig
from usecases.identity.one_time_codes import OneTimeCodes
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle

PASSWORD = "correct horse battery staple"


@dataclass
class Kit:
    world: World = field(default_factory=World)
    clock: FixedClock = field(default_factory=FixedClock)
    config: IdentityConfig = field(default_factory=IdentityConfig)
    log: MemoryLog = field(default_factory=MemoryLog)
    cache: MemoryCache = field(default_factory=MemoryCache)

    def __post_init__(self) -> None:
        self.codec = JoseTokenCodec(
            SigningKeys.from_settings(None, "unit-test-secret-" * 3),
            algorithm="HS256",
            issuer="meridian",
            audience="meridian-api",
            clock=self.clock,
        )
        self.digest = HmacSecretDigest(b"k" * 32)
        self.denylist = CacheTokenDenylist(self.cache, self.clock)
        self.recorder = SecurityRecorder(self.log)
        self.throttle = Throttle(
            MovingWindowLimiter(rate_limit_storage(None, "unit")), self.config.limits
        )
        self.access = UserAccessCache(self.cache, self.uow, ttl_seconds=60)
        self.sessions = Sessions(
            codec=self.codec,
            digest=self.digest,
            denylist=self.denylist,
            recorder=self.recorder,
            access=self.access,
            config=self.config.tokens,
            clock=self.clock,
        )
        self.codes = OneTimeCodes(self.digest, self.config.otp, self.clock)

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.world)

    def add_user(self, email: str = "asha@example.com", phone: str = "+919876543210") -> User:
        now = self.clock.now()
        user = User(
            id=UserId(UUID(int=new_uuid().int)),
            email=email,
            phone=phone,
            password_hash=f"plain:{PASSWORD}",
            profile=Profile(full_name="Asha Rao"),
            created_at=now,
            updated_at=now,
            password_changed_at=now,
        )
        self.world.users[user.id] = user
        return user

    def login(self) -> LoginHandler:
        return LoginHandler(
            uow=self.uow(),
            contacts=ContactValidator(default_region="IN"),
            hasher=PlainHasher(),
            sessions=self.sessions,
            codec=self.codec,
            agents=NoAgents(),
            recorder=self.recorder,
            lockouts=Lockouts(self.config.lockout, self.recorder),
            throttle=self.throttle,
            config=self.config,
            clock=self.clock,
        )

    def refresh(self) -> RefreshTokenHandler:
        return RefreshTokenHandler(
            uow=self.uow(),
            sessions=self.sessions,
            agents=NoAgents(),
            recorder=self.recorder,
            throttle=self.throttle,
            clock=self.clock,
        )

    def authenticator(self) -> BearerAuthenticator:
        principals = PrincipalLookup(self.cache, self.access, self.uow)
        return BearerAuthenticator(codec=self.codec, principals=principals, access=self.access)

    def advance(self, **delta: float) -> None:
        self.clock.advance(**delta)

    @staticmethod
    def minutes(n: int) -> timedelta:
        return timedelta(minutes=n)
