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


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_cli_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def applied_revision(url: str) -> str | None:
    async def read() -> str | None:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            return await conn.fetchval("SELECT version_num FROM alembic_version")
        finally:
            await conn.close()

    return asyncio.run(read())


def test_migrate_brings_an_empty_database_to_head(
    scratch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "Migrated to head" in result.output
    assert applied_revision(scratch_url) is not None


def test_seed_demo_runs_every_seeder(scratch_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    result = runner.invoke(app, ["seed-demo"])
    assert result.exit_code == 0, result.output


def test_serve_refuses_several_workers_without_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = runner.invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "set REDIS_URL" in result.output


def test_unsafe_production_settings_stop_the_cli_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "too-short")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "SECRET_KEY is shorter than 32 characters" in result.output
    assert "REDIS_URL is required" in result.output
