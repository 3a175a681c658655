"""Test databases: the one the suite runs on, and scratch ones for migration tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import asyncpg
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.models import metadata
from infrastructure.database.embedded import start_embedded_postgres
from infrastructure.database.url import with_database

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def plain(url: str) -> str:
    """The URL as asyncpg takes it (no SQLAlchemy driver name)."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def recreate_database(any_url: str, name: str) -> str:
    """Drop (forcibly) and create ``name`` on the server of ``any_url``; returns its URL."""
    assert _NAME.fullmatch(name), name
    conn = await asyncpg.connect(plain(with_database(any_url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return with_database(any_url, name)


async def drop_database(any_url: str, name: str) -> None:
    assert _NAME.fullmatch(name), name
    conn = await asyncpg.connect(plain(with_database(any_url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def xdist_worker() -> str | None:
    """``gw0``, ``gw1``... when pytest-xdist runs the suite in parallel (``-n 2``), else None."""
    return os.environ.get("PYTEST_XDIST_WORKER")


async def suite_database_url() -> str:
    """``DATABASE_URL`` when set (CI creates a fresh one), else a clean database on the
    embedded server under ./.data/pg, recreated for every run. Under pytest-xdist each worker
    gets a database of its own beside it (``<name>_gw0``...), recreated for the run."""
    explicit = os.environ.get("DATABASE_URL")
    worker = xdist_worker()
    if explicit:
        if worker is None:
            return explicit
        name = make_url(explicit).database or "postgres"
        return await recreate_database(explicit, f"{name}_{worker}"[:63])
    server = start_embedded_postgres(PROJECT_ROOT / ".data" / "pg")
    return await recreate_database(server, f"meridian_test_{worker}" if worker else "meridian_test")


async def truncate_all(engine: AsyncEngine) -> None:
    """Empty every application table (tests that commit for real clean up with this)."""
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    if tables:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
