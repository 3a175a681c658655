"""Migrations: one linear history, every step reversible, and no drift from the models."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.persistence.models import metadata
from infrastructure.database import migrations
from infrastructure.database.url import async_url
from tests.support.databases import drop_database, recreate_database


@pytest.fixture
async def scratch_url(database_url: str) -> AsyncIterator[str]:
    name = f"meridian_scratch_{uuid.uuid4().hex[:10]}"
    url = await recreate_database(database_url, name)
    yield url
    await drop_database(database_url, name)


def revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config(url))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_the_history_is_linear(database_url: str) -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config(database_url))
    assert len(script.get_heads()) == 1, "more than one head: merge or rebase the migrations"
    assert len(script.get_bases()) == 1


async def test_stairway_every_revision_upgrades_downgrades_and_upgrades_again(
    scratch_url: str,
) -> None:
    previous = "base"
    for revision in revisions(scratch_url):
        await asyncio.to_thread(migrations.upgrade, scratch_url, revision)
        await asyncio.to_thread(migrations.downgrade, scratch_url, previous)
        await asyncio.to_thread(migrations.upgrade, scratch_url, revision)
        previous = revision


async def test_models_and_migrations_do_not_drift(scratch_url: str) -> None:
    await asyncio.to_thread(migrations.upgrade, scratch_url, "head")

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))

    engine = create_async_engine(async_url(scratch_url))
    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == [], (
        f"models differ from migrations; autogenerate a revision: {differences}"
    )
