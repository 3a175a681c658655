"""Identity API tests: the real app on the suite's PostgreSQL and, when it is reachable, real
Redis (rate limits, token denylist, cache) under a namespace of the test's own. The clock is a
FixedClock starting now, so tests can move time."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.models import metadata
from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.support.accounts import Accounts
from tests.support.clock import FixedClock

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


async def _reachable(url: str) -> bool:
    client = Redis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
        return True
    except Exception:
        return False
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
async def identity_redis_url() -> str | None:
    """Real Redis when reachable; otherwise the in-memory ports (single-process mode)."""
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    return url if await _reachable(url) else None


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def identity_settings(settings: Settings, identity_redis_url: str | None) -> Settings:
    return settings.model_copy(
        update={
            "redis_url": identity_redis_url,
            "redis_namespace": f"meridian-test-{uuid.uuid4().hex[:12]}",
        }
    )


@pytest.fixture
async def container(
    identity_settings: Settings, engine: AsyncEngine, database_url: str, clock: FixedClock
) -> AsyncIterator[Container]:
    built = build_container(identity_settings, database_url, engine=engine, clock=clock)
    yield built
    if built.redis is not None:
        keys = [k async for k in built.redis.scan_iter(f"{identity_settings.redis_namespace}:*")]
        if keys:
            await built.redis.delete(*keys)
    await built.aclose()
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


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
    return Accounts(client, container)
