"""Test databases: the one the suite runs on, and scratch ones for migration tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.models import metadata
from infrastructure.database.embedded import start_embedded_postgres
from infrastructure.database.url import with_database

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def recreate_database(any_url: str, name: str) -> str:
    """Drop (forcibly) and create ``name`` on the server of ``any_url``; returns its URL."""
    assert _NAME.fullmatch(name), name
    conn = await asyncpg.connect(_plain(with_database(any_url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return with_database(any_url, name)


async def drop_database(any_url: str, name: str) -> None:
    assert _NAME.fullmatch(name), name
    conn = await asyncpg.connect(_plain(with_database(any_url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def suite_database_url() -> str:
    """``DATABASE_URL`` when set (CI creates a fresh one), else a clean database on the
    embedded server under ./.data/pg, recreated for every run."""
    explicit = os.environ.get("DATABASE_URL")
    if explicit:
        return explicit
    server = start_embedded_postgres(PROJECT_ROOT / ".data" / "pg")
    return await recreate_database(server, "meridian_test")


async def truncate_all(engine: AsyncEngine) -> None:
    """Empty every application table (tests that commit for real clean up with this)."""
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    if tables:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
