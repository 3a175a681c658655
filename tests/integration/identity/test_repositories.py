"""Identity persistence against real PostgreSQL (each test in a rolled-back transaction)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.identity.unit_of_work import CONSTRAINT_FIELDS, IdentitySqlUnitOfWork
from domain.identity.device import DeviceInfo, UserAgent
from domain.identity.ids import new_session_id
from domain.identity.profile import Profile
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.user import User
from domain.shared.errors import Conflict
from domain.shared.ids import UserId, new_uuid

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def user(email: str = "asha@example.com", phone: str = "+919876543210") -> User:
    return User(
        id=UserId(new_uuid()),
        email=email,
        phone=phone,
        password_hash="$argon2id$...",
        profile=Profile(full_name="Asha Rao", country="IN"),
        created_at=NOW,
        updated_at=NOW,
        password_changed_at=NOW,
    )


def uow(factory: async_sessionmaker[AsyncSession]) -> IdentitySqlUnitOfWork:
    # repository tests, not use cases: no audit record needed
    return IdentitySqlUnitOfWork(factory, constraint_fields=CONSTRAINT_FIELDS, require_audit=False)


async def test_a_user_round_trips(session_factory: async_sessionmaker[AsyncSession]) -> None:
    original = user()
    async with uow(session_factory) as u:
        await u.users.add(original)
        await u.commit()
    async with uow(session_factory) as u:
        loaded = await u.users.by_phone("+919876543210")
        access = await u.users.access(original.id)
    assert loaded == original
    assert access is not None
    assert access.tokens_valid_after is None


async def test_a_taken_email_is_a_conflict_naming_the_field(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow(session_factory) as u:
        await u.users.add(user())
        await u.commit()
    with pytest.raises(Conflict) as caught:
        async with uow(session_factory) as u:
            await u.users.add(user(phone="+919876543211"))
    assert caught.value.errors[0].field == "email"


async def test_a_refresh_token_is_claimed_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    owner = user()
    device = DeviceInfo(device_id="d", name=None, agent=UserAgent(), ip="127.0.0.1")
    session = Session.start(
        id=new_session_id(),
        user_id=owner.id,
        device=device,
        now=NOW,
        expires_at=NOW + timedelta(days=7),
    )
    async with uow(session_factory) as u:
        await u.users.add(owner)
        await u.sessions.add(session)
        await u.refresh_tokens.add(
            RefreshTokenRecord(
                session_id=session.id,
                user_id=owner.id,
                digest="d" * 64,
                issued_at=NOW,
                expires_at=NOW + timedelta(days=7),
            )
        )
        await u.commit()
    async with uow(session_factory) as u:
        first = await u.refresh_tokens.claim("d" * 64, now=NOW)
        second = await u.refresh_tokens.claim("d" * 64, now=NOW)
        await u.commit()
    assert first is not None
    assert first.session_id == session.id
    assert second is None
    async with uow(session_factory) as u:
        assert await u.sessions.revoke(session.id, now=NOW, reason="test")
        assert not await u.sessions.revoke(session.id, now=NOW, reason="test")
