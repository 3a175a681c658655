"""``meridian create-admin``: a verified super admin in a fresh database, who
holds the super_admin role; bad input is refused with the reason and creates nothing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import asyncpg
import pytest
from typer.testing import CliRunner

from infrastructure.cli.main import app
from tests.support.databases import drop_database, recreate_database

runner = CliRunner()
PASSWORD = "correct horse battery staple"


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_cli_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def rows(url: str) -> list[asyncpg.Record]:
    async def read() -> list[asyncpg.Record]:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            return list(await conn.fetch("SELECT code, email, roles, status FROM users"))
        finally:
            await conn.close()

    return asyncio.run(read())


def test_create_admin_makes_a_super_admin(
    scratch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = runner.invoke(
        app,
        ["create-admin", "--email", "Root@Example.com", "--mobile", "+919812345678"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    [row] = rows(scratch_url)
    assert row["email"] == "root@example.com"
    assert set(row["roles"]) == {"super_admin", "user"}
    assert row["status"] == "active"
    assert row["code"] in result.output

    again = runner.invoke(
        app,
        ["create-admin", "--email", "root@example.com", "--mobile", "+919800000000"],
        env={"MERIDIAN_ADMIN_PASSWORD": PASSWORD},
    )
    assert again.exit_code == 1
    assert "duplicate" in again.output


def test_a_weak_password_is_refused(scratch_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    result = runner.invoke(
        app,
        ["create-admin", "--email", "a@example.com", "--mobile", "+919812345678"],
        env={"MERIDIAN_ADMIN_PASSWORD": "password1234"},
    )
    assert result.exit_code == 1
    assert "password" in result.output
    assert rows(scratch_url) == []
