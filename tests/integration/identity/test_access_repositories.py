"""Access-control persistence on real PostgreSQL: a colliding code is drawn again inside a
savepoint (the transaction survives), search filters, security settings and API keys."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity import human_code
from domain.identity.api_key import ApiKey, issue_secret
from domain.identity.security_settings import SecuritySettings
from domain.shared.pagination import PageRequest
from tests.integration.identity.test_repositories import NOW, uow, user
from usecases.identity.administration.ports import UserQuery


async def test_a_colliding_user_code_is_drawn_again(
    session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = user()
    first.code = "USR-AAAAAA"
    second = user("bina@example.com", "+919876500000")
    second.code = "USR-AAAAAA"
    draws = iter(["AAAAAA", "BBBBBB"])
    monkeypatch.setattr(human_code, "_random_body", lambda: next(draws))
    async with uow(session_factory) as u:
        await u.users.add(first)
        await u.users.add(second)
        await u.commit()
    assert second.code == "USR-BBBBBB"
    async with uow(session_factory) as u:
        loaded = await u.users.by_code("USR-BBBBBB")
    assert loaded is not None
    assert loaded.email == "bina@example.com"


async def test_search_by_scoped_role_and_text(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    admin = replace(user(), roles=frozenset({"user", "company_admin@issuer:42"}))
    other = user("bina@example.com", "+919876500000")
    async with uow(session_factory) as u:
        await u.users.add(admin)
        await u.users.add(other)
        await u.commit()
    async with uow(session_factory) as u:
        by_role = await u.users.search(UserQuery(role="company_admin"), PageRequest())
        by_text = await u.users.search(UserQuery(text="bina"), PageRequest())
        percent = await u.users.search(UserQuery(text="%"), PageRequest())
        locked = await u.users.lock_super_admins()
    assert [x.id for x in by_role.items] == [admin.id]
    assert [x.id for x in by_text.items] == [other.id]
    assert percent.items == []  # LIKE wildcards are taken literally
    assert locked == []


async def test_settings_and_keys_round_trip(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    owner = user()
    issued = issue_secret()
    key = ApiKey(
        owner_id=owner.id,
        name="bot",
        prefix=issued.prefix,
        secret_digest="0" * 64,
        scopes=frozenset({"status:read"}),
        created_at=NOW,
    )
    async with uow(session_factory) as u:
        await u.users.add(owner)
        await u.security_settings.put(
            SecuritySettings(
                user_id=owner.id,
                ip_allowlist=("10.0.0.0/8",),
                updated_at=NOW,
                session_idle_timeout_seconds=600,
            )
        )
        await u.api_keys.add(key)
        await u.commit()
    async with uow(session_factory) as u:
        access = await u.users.access(owner.id)
        found = await u.api_keys.by_prefix(issued.prefix)
    assert access is not None
    assert access.ip_allowlist == ("10.0.0.0/8",)
    assert access.idle_timeout_seconds == 600
    assert found == key
