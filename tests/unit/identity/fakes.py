"""In-memory fakes of the identity ports, for use-case tests without I/O."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import TracebackType
from typing import Self

from domain.identity.contact import ContactChannel
from domain.identity.device import KnownDevice, UserAgent
from domain.identity.ids import DeviceId, OtpId, RegistrationId, SessionId
from domain.identity.otp import OneTimeCode, OtpPurpose
from domain.identity.registration import Registration
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import SecuritySettings
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.two_factor import TotpCredential
from domain.identity.user import User
from domain.shared.events import DomainEvent
from domain.shared.ids import UserId
from domain.shared.notification import Notification
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.authentication.ports import LoginHistory, LoginSubject
from usecases.identity.passwords.ports import PasswordCheck, StrengthVerdict


@dataclass
class World:
    """The committed state; a unit of work copies it in and writes it back on commit."""

    users: dict[UserId, User] = field(default_factory=dict)
    registrations: dict[RegistrationId, Registration] = field(default_factory=dict)
    otps: dict[OtpId, OneTimeCode] = field(default_factory=dict)
    sessions: dict[SessionId, Session] = field(default_factory=dict)
    refresh: dict[str, RefreshTokenRecord] = field(default_factory=dict)
    devices: dict[DeviceId, KnownDevice] = field(default_factory=dict)
    totp: dict[UserId, TotpCredential] = field(default_factory=dict)
    recovery: dict[tuple[UserId, str], datetime | None] = field(default_factory=dict)
    activity: list[SecurityEvent] = field(default_factory=list)
    security: dict[UserId, SecuritySettings] = field(default_factory=dict)
    risk_scores: dict[UserId, int] = field(default_factory=dict)
    two_factor_roles: set[str] = field(default_factory=set)
    sent: list[Notification] = field(default_factory=list)
    commits: int = 0


class FakeNotifier:
    def __init__(self, outbox: list[Notification]) -> None:
        self.outbox = outbox

    async def notify(self, notification: Notification) -> None:
        self.outbox.append(notification)


class Users:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, user: User) -> None:
        self.w.users[user.id] = user

    async def get(self, user_id: UserId) -> User | None:
        return copy.deepcopy(self.w.users.get(user_id))

    get_for_update = get

    async def by_email(self, email: str) -> User | None:
        return next((copy.deepcopy(u) for u in self.w.users.values() if u.email == email), None)

    async def by_phone(self, phone: str) -> User | None:
        return next((copy.deepcopy(u) for u in self.w.users.values() if u.phone == phone), None)

    async def access(self, user_id: UserId) -> UserAccess | None:
        user = self.w.users.get(user_id)
        if user is None:
            return None
        settings = self.w.security.get(user_id) or SecuritySettings(user_id=user_id)
        credential = self.w.totp.get(user_id)
        return UserAccess(
            user.status,
            user.tokens_valid_after,
            roles=user.roles,
            platforms=user.platforms,
            require_two_factor=settings.require_two_factor,
            two_factor_enabled=credential is not None and credential.enabled,
            ip_allowlist=settings.ip_allowlist,
            idle_timeout_seconds=settings.session_idle_timeout_seconds,
        )

    async def for_login(
        self, channel: ContactChannel, value: str, *, device_key: str, since: datetime
    ) -> LoginSubject | None:
        email = channel is ContactChannel.EMAIL
        user = await (self.by_email(value) if email else self.by_phone(value))
        access = await self.access(user.id) if user else None
        if user is None or access is None:
            return None
        devices = Devices(self.w)
        return LoginSubject(
            user=user,
            access=access,
            device=await devices.find(user.id, device_key),
            has_devices=bool(await devices.for_user(user.id)),
            history=await Activity(self.w).history(user.id, since=since),
        )

    async def by_code(self, code: str) -> User | None:
        return next((copy.deepcopy(u) for u in self.w.users.values() if u.code == code), None)

    by_code_for_update = by_code

    async def lock_super_admins(self) -> list[User]:
        return [copy.deepcopy(u) for u in self.w.users.values() if u.is_super_admin]

    async def save(self, user: User) -> None:
        self.w.users[user.id] = user

    async def set_risk_score(self, user_id: UserId, score: int) -> None:
        self.w.risk_scores[user_id] = score


class SecuritySettingsStore:
    def __init__(self, w: World) -> None:
        self.w = w

    async def get(self, user_id: UserId, *, for_update: bool = False) -> SecuritySettings:
        return copy.deepcopy(self.w.security.get(user_id) or SecuritySettings(user_id=user_id))

    async def put(self, settings: SecuritySettings) -> None:
        self.w.security[settings.user_id] = settings


class RolePolicies:
    def __init__(self, w: World) -> None:
        self.w = w

    async def two_factor_roles(self) -> frozenset[str]:
        return frozenset(self.w.two_factor_roles)

    async def set_two_factor(self, role: str, required: bool, *, now: datetime) -> None:
        (self.w.two_factor_roles.add if required else self.w.two_factor_roles.discard)(role)


class Registrations:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, registration: Registration) -> None:
        self.w.registrations[registration.id] = registration

    async def get(self, registration_id: RegistrationId) -> Registration | None:
        return copy.deepcopy(self.w.registrations.get(registration_id))

    get_for_update = get

    async def save(self, registration: Registration) -> None:
        self.w.registrations[registration.id] = registration


class Otps:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, code: OneTimeCode) -> None:
        self.w.otps[code.id] = code

    async def latest_for_update(
        self, purpose: OtpPurpose, subject: str, destination: str
    ) -> OneTimeCode | None:
        found = [
            c
            for c in self.w.otps.values()
            if (c.purpose, c.subject, c.destination) == (purpose, subject, destination)
        ]
        return copy.deepcopy(found[-1]) if found else None

    async def by_ticket_for_update(self, ticket_digest: str) -> OneTimeCode | None:
        found = [c for c in self.w.otps.values() if c.ticket_digest == ticket_digest]
        return copy.deepcopy(found[0]) if found else None

    async def last_sent_at(self, purpose: OtpPurpose, destination: str) -> datetime | None:
        times = [
            c.created_at
            for c in self.w.otps.values()
            if c.purpose == purpose and c.destination == destination
        ]
        return max(times, default=None)

    async def sent_since(self, destination: str, since: datetime) -> int:
        return sum(
            1
            for c in self.w.otps.values()
            if c.destination == destination and c.created_at >= since
        )

    async def save(self, code: OneTimeCode) -> None:
        self.w.otps[code.id] = code


class Sessions:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, session: Session) -> None:
        self.w.sessions[session.id] = session

    async def start(self, session: Session, first_token: RefreshTokenRecord) -> None:
        self.w.sessions[session.id] = session
        self.w.refresh[first_token.digest] = first_token

    async def get(self, session_id: SessionId) -> Session | None:
        return copy.deepcopy(self.w.sessions.get(session_id))

    async def touch(self, session_id: SessionId, *, now: datetime, expires_at: datetime) -> None:
        self.w.sessions[session_id].last_seen_at = now
        self.w.sessions[session_id].expires_at = expires_at

    async def revoke(self, session_id: SessionId, *, now: datetime, reason: str) -> bool:
        session = self.w.sessions.get(session_id)
        if session is None or session.revoked_at is not None:
            return False
        session.revoked_at, session.revoked_reason = now, reason
        return True

    async def revoke_all(self, user_id: UserId, *, now: datetime, reason: str) -> list[SessionId]:
        ids = [s.id for s in self.w.sessions.values() if s.user_id == user_id]
        return [i for i in ids if await self.revoke(i, now=now, reason=reason)]

    async def revoke_device(
        self, user_id: UserId, device_key: str, *, now: datetime, reason: str
    ) -> list[SessionId]:
        ids = [
            s.id
            for s in self.w.sessions.values()
            if s.user_id == user_id and s.device_key == device_key
        ]
        return [i for i in ids if await self.revoke(i, now=now, reason=reason)]

    async def active_for_user(
        self, user_id: UserId, *, now: datetime, page: PageRequest
    ) -> Page[Session]:
        items = [s for s in self.w.sessions.values() if s.user_id == user_id and s.is_active(now)]
        return Page(items=items[: page.limit])


class RefreshTokens:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, token: RefreshTokenRecord) -> None:
        self.w.refresh[token.digest] = token

    async def claim(self, digest: str, *, now: datetime) -> RefreshTokenRecord | None:
        token = self.w.refresh.get(digest)
        if token is None or token.used_at is not None:
            return None
        self.w.refresh[digest] = replace(token, used_at=now)
        return self.w.refresh[digest]

    async def find(self, digest: str) -> RefreshTokenRecord | None:
        return self.w.refresh.get(digest)


class Devices:
    def __init__(self, w: World) -> None:
        self.w = w

    async def find(self, user_id: UserId, key: str) -> KnownDevice | None:
        return next(
            (d for d in self.w.devices.values() if d.user_id == user_id and d.key == key), None
        )

    async def get(self, user_id: UserId, device_id: DeviceId) -> KnownDevice | None:
        device = self.w.devices.get(device_id)
        return device if device and device.user_id == user_id else None

    async def add(self, device: KnownDevice) -> bool:
        if await self.find(device.user_id, device.key):
            return False
        self.w.devices[device.id] = device
        return True

    async def save(self, device: KnownDevice) -> None:
        self.w.devices[device.id] = device

    async def remove(self, device: KnownDevice) -> None:
        self.w.devices.pop(device.id, None)

    async def for_user(self, user_id: UserId) -> list[KnownDevice]:
        return [d for d in self.w.devices.values() if d.user_id == user_id]


class Totp:
    def __init__(self, w: World) -> None:
        self.w = w

    async def get(self, user_id: UserId) -> TotpCredential | None:
        return copy.deepcopy(self.w.totp.get(user_id))

    get_for_update = get

    async def put(self, credential: TotpCredential) -> None:
        self.w.totp[credential.user_id] = credential

    async def remove(self, user_id: UserId) -> None:
        self.w.totp.pop(user_id, None)


class RecoveryCodes:
    def __init__(self, w: World) -> None:
        self.w = w

    async def replace(self, user_id: UserId, digests: Sequence[str], *, now: datetime) -> None:
        await self.remove_all(user_id)
        self.w.recovery.update({(user_id, d): None for d in digests})

    async def consume(self, user_id: UserId, digest: str, *, now: datetime) -> bool:
        if (user_id, digest) not in self.w.recovery or self.w.recovery[(user_id, digest)]:
            return False
        self.w.recovery[(user_id, digest)] = now
        return True

    async def remove_all(self, user_id: UserId) -> None:
        for key in [k for k in self.w.recovery if k[0] == user_id]:
            del self.w.recovery[key]


class Activity:
    def __init__(self, w: World) -> None:
        self.w = w

    async def add(self, event: SecurityEvent) -> None:
        self.w.activity.append(event)

    async def for_user(self, user_id: UserId, *, limit: int) -> list[SecurityEvent]:
        return [e for e in self.w.activity if e.user_id == user_id][:limit]

    async def history(self, user_id: UserId, *, since: datetime) -> LoginHistory:
        mine = [e for e in self.w.activity if e.user_id == user_id]
        recent = [e for e in mine if e.occurred_at >= since]
        return LoginHistory(
            succeeded_ips=frozenset(
                e.device.ip
                for e in mine
                if e.kind is SecurityEventKind.LOGIN_SUCCEEDED and e.device and e.device.ip
            ),
            failed_logins=sum(e.kind is SecurityEventKind.LOGIN_FAILED for e in recent),
            wrong_codes=sum(e.kind is SecurityEventKind.TWO_FACTOR_FAILED for e in recent),
        )

    async def suspicious(
        self, user_id: UserId, *, min_score: int, page: PageRequest
    ) -> Page[SecurityEvent]:
        found = [
            e
            for e in reversed(self.w.activity)
            if e.user_id == user_id
            and (not e.succeeded or (e.risk is not None and e.risk.score >= min_score))
        ]
        return Page(items=found[: page.limit])


class FakeUnitOfWork:
    """Changes land in a copy of the world and replace it only on commit."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.committed = False
        self._draft: World | None = None
        self.notifier = FakeNotifier([])
        self.audited: list[object] = []

    @property
    def draft(self) -> World:
        assert self._draft is not None, "use 'async with uow:'"
        return self._draft

    async def __aenter__(self) -> Self:
        self._draft = copy.deepcopy(self.world)
        self._draft.sent = []
        self.notifier = FakeNotifier(self._draft.sent)
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._draft = None

    async def commit(self) -> None:
        sent = self.world.sent + self.draft.sent
        self.world.__dict__.update(copy.deepcopy(self.draft).__dict__)
        self.world.sent = sent
        self.world.commits += 1
        self.committed = True

    async def rollback(self) -> None:
        self._draft = copy.deepcopy(self.world)

    async def flush(self) -> None:
        return None

    def record(self, event: DomainEvent) -> None:
        return None

    def audit(self, record: object) -> None:
        self.audited.append(record)

    users = property(lambda self: Users(self.draft))
    registrations = property(lambda self: Registrations(self.draft))
    otps = property(lambda self: Otps(self.draft))
    sessions = property(lambda self: Sessions(self.draft))
    refresh_tokens = property(lambda self: RefreshTokens(self.draft))
    devices = property(lambda self: Devices(self.draft))
    totp = property(lambda self: Totp(self.draft))
    recovery_codes = property(lambda self: RecoveryCodes(self.draft))
    login_activity = property(lambda self: Activity(self.draft))
    security_settings = property(lambda self: SecuritySettingsStore(self.draft))
    role_policies = property(lambda self: RolePolicies(self.draft))


class PlainHasher:
    """Instant "hashing" for use-case tests (the real one is tested on its own)."""

    async def hash(self, password: str) -> str:
        return f"plain:{password}"

    async def verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        return PasswordCheck(matches=stored_hash == f"plain:{password}")


class LengthOnlyStrength:
    async def assess(self, password: str, *, hints: Sequence[str]) -> StrengthVerdict:
        return StrengthVerdict(score=4, common=password == "password1234")


class NoAgents:
    def parse(self, raw: str | None) -> UserAgent:
        return UserAgent(raw=raw)


class MemoryLog:
    def __init__(self) -> None:
        self.events: list[SecurityEvent] = []

    def emit(self, event: SecurityEvent) -> None:
        self.events.append(event)
