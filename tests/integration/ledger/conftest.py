"""Ledger integration tests commit for real (the balanced-entry trigger is deferred to commit,
and concurrency needs separate connections); the tables are emptied around each test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.support.databases import truncate_all
from tests.support.ledger import LedgerDriver


@pytest.fixture
async def world(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[Container]:
    container = build_container(settings, database_url, engine=engine)
    await truncate_all(engine)
    yield container
    await container.aclose()
    await truncate_all(engine)


@pytest.fixture
def driver(world: Container) -> LedgerDriver:
    return LedgerDriver(world.session_factory, world.clock)
