"""The real application over ASGI, on the suite's PostgreSQL database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.support.accounts import Accounts
from tests.support.databases import truncate_all


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[Container]:
    built = build_container(settings, database_url, engine=engine)
    yield built
    await built.aclose()
    await truncate_all(engine)  # API tests commit for real; leave the database as they found it


@pytest.fixture
def app(container: Container) -> FastAPI:
    return create_app(container.settings, container=container)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def accounts(client: httpx.AsyncClient, container: Container) -> Accounts:
    """Real users: registered with the codes from the outbox and logged in over HTTP."""
    return Accounts(client, container)
