"""A login's one read (``users.for_login``) answers what the separate reads answer: the user,
their access, their device with the login's key, whether they have any device, and the
login activity risk scoring uses; and what a login writes together (a session and its first
refresh token)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.identity.unit_of_work import CONSTRAINT_FIELDS, IdentitySqlUnitOfWork
from domain.identity.contact import ContactChannel
from domain.identity.device import DeviceInfo, KnownDevice, UserAgent
from domain.identity.ids import new_device_id, new_session_id
from domain.identity.profile import Profile
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.security_settings import SecuritySettings
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.two_factor import TotpCredential
from domain.identity.user import User
from domain.shared.ids import UserId, new_uuid
from usecases.identity.authentication.ports import LoginSubject

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
SINCE = NOW - timedelta(hours=1)
WEEK = timedelta(days=7)


def uow(factory: async_sessionmaker[AsyncSession]) -> IdentitySqlUnitOfWork:
    return IdentitySqlUnitOfWork(factory, constraint_fields=CONSTRAINT_FIELDS, require_audit=False)


def person(email: str, phone: str) -> User:
    return User(
        id=UserId(new_uuid()),
        email=email,
        phone=phone,
        password_hash="$argon2id$...",
        profile=Profile(full_name="Asha Rao", country="IN"),
        roles=frozenset({"user", "investor"}),
        created_at=NOW,
        updated_at=NOW,
        password_changed_at=NOW,
    )


def device(owner: User, key: str, ip: str) -> KnownDevice:
    return KnownDevice(
        id=new_device_id(),
        user_id=owner.id,
        key=key,
        label="Firefox on Linux",
        browser="Firefox",
        os="Linux",
        first_seen_at=NOW - timedelta(days=3),
        last_seen_at=NOW - timedelta(days=1),
        last_ip=ip,
    )


def event(owner: User, kind: SecurityEventKind, at: datetime, ip: str | None) -> SecurityEvent:
    info = DeviceInfo(device_id="d", name=None, agent=UserAgent(), ip=ip)
    return SecurityEvent(kind=kind, occurred_at=at, user_id=owner.id, device=info)


async def separately(
    factory: async_sessionmaker[AsyncSession], owner: User, key: str
) -> LoginSubject:
    async with uow(factory) as u:
        user = await u.users.by_email(owner.email)
        access = await u.users.access(owner.id)
        assert user is not None
        assert access is not None
        return LoginSubject(
            user=user,
            access=access,
            device=await u.devices.find(owner.id, key),
            has_devices=bool(await u.devices.for_user(owner.id)),
            history=await u.login_activity.history(owner.id, since=SINCE),
        )


async def test_one_read_answers_what_the_separate_reads_answer(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    owner = person("asha@example.com", "+919876543210")
    other = person("ravi@example.com", "+919876543211")
    known = device(owner, "known-key", "203.0.113.9")
    async with uow(session_factory) as u:
        await u.users.add(owner)
        await u.users.add(other)
        await u.devices.add(known)
        await u.devices.add(device(other, "new-key", "198.51.100.1"))
        await u.security_settings.put(
            SecuritySettings(
                user_id=owner.id,
                updated_at=NOW,
                require_two_factor=True,
                ip_allowlist=("203.0.113.0/24",),
                session_idle_timeout_seconds=900,
            )
        )
        await u.totp.put(
            TotpCredential(user_id=owner.id, sealed_secret="s", created_at=NOW, enabled_at=NOW)
        )
        for kind, at, ip in [
            (SecurityEventKind.LOGIN_SUCCEEDED, NOW - timedelta(days=2), "203.0.113.9"),
            (SecurityEventKind.LOGIN_SUCCEEDED, NOW - timedelta(days=5), "192.0.2.7"),
            (SecurityEventKind.LOGIN_SUCCEEDED, NOW - timedelta(days=6), None),
            (SecurityEventKind.LOGIN_FAILED, NOW - timedelta(minutes=5), "198.51.100.3"),
            (SecurityEventKind.LOGIN_FAILED, NOW - timedelta(minutes=9), "198.51.100.3"),
            (SecurityEventKind.LOGIN_FAILED, NOW - timedelta(hours=3), "198.51.100.3"),
            (SecurityEventKind.TWO_FACTOR_FAILED, NOW - timedelta(minutes=2), "203.0.113.9"),
        ]:
            await u.login_activity.add(event(owner, kind, at, ip))
        await u.login_activity.add(event(other, SecurityEventKind.LOGIN_FAILED, NOW, "10.0.0.1"))
        await u.commit()

    async with uow(session_factory) as u:
        by_email = await u.users.for_login(
            ContactChannel.EMAIL, owner.email, device_key="known-key", since=SINCE
        )
        by_phone = await u.users.for_login(
            ContactChannel.MOBILE, owner.phone, device_key="other-key", since=SINCE
        )
    expected = await separately(session_factory, owner, "known-key")
    assert by_email == expected
    assert by_email.device == known
    assert by_email.access.two_factor_enabled
    assert by_email.access.ip_allowlist == ("203.0.113.0/24",)
    assert by_email.history.succeeded_ips == {"203.0.113.9", "192.0.2.7"}
    assert (by_email.history.failed_logins, by_email.history.wrong_codes) == (2, 1)
    assert by_phone == await separately(session_factory, owner, "other-key")
    assert by_phone is not None
    assert by_phone.device is None
    assert by_phone.has_devices


async def test_a_new_user_and_an_unknown_account(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    owner = person("asha@example.com", "+919876543210")
    async with uow(session_factory) as u:
        await u.users.add(owner)
        await u.commit()
    async with uow(session_factory) as u:
        found = await u.users.for_login(
            ContactChannel.EMAIL, owner.email, device_key="k", since=SINCE
        )
        missing = await u.users.for_login(
            ContactChannel.EMAIL, "nobody@example.com", device_key="k", since=SINCE
        )
    assert found == await separately(session_factory, owner, "k")
    assert found is not None
    assert found.device is None
    assert not found.has_devices
    assert not found.access.two_factor_enabled
    assert found.history.failed_logins == 0
    assert missing is None


async def test_a_session_starts_with_its_first_refresh_token_in_one_write(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    owner = person("asha@example.com", "+919876543210")
    info = DeviceInfo(device_id="d", name="Phone", agent=UserAgent(), ip="127.0.0.1")
    session = Session.start(
        id=new_session_id(), user_id=owner.id, device=info, now=NOW, expires_at=NOW + WEEK
    )
    token = RefreshTokenRecord(
        session_id=session.id,
        user_id=owner.id,
        digest="e" * 64,
        issued_at=NOW,
        expires_at=NOW + WEEK,
    )
    async with uow(session_factory) as u:
        await u.users.add(owner)
        await u.sessions.start(session, token)
        await u.commit()
    async with uow(session_factory) as u:
        assert await u.sessions.get(session.id) == session
        assert await u.refresh_tokens.find("e" * 64) == token
        assert await u.refresh_tokens.claim("e" * 64, now=NOW) is not None
