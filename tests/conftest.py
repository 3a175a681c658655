"""Suite-wide fixtures: one real PostgreSQL database, migrated once; Redis when reachable."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from infrastructure.config.settings import Settings
from infrastructure.database import migrations
from infrastructure.database.engine import create_engine
from tests.support.databases import suite_database_url, xdist_worker

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, each worker uses the Redis database after the configured one by its
    number (gw0 → n+1, gw1 → n+2), so a test that flushes its database never hits another's."""
    worker = xdist_worker()
    if worker is None:
        return
    url = urlsplit(os.environ.get("REDIS_URL", DEFAULT_REDIS_URL))
    base = int(url.path.strip("/") or 0)
    database = base + 1 + int(worker.removeprefix("gw"))
    os.environ["REDIS_URL"] = urlunsplit(url._replace(path=f"/{database}"))


@pytest.fixture(scope="session")
async def database_url() -> str:
    url = await suite_database_url()
    await asyncio.to_thread(migrations.upgrade, url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        _env_file=None,
        app_env="test",
        database_url=database_url,
        documents_dir=tmp_path_factory.mktemp("documents"),
        redis_url=None,
        log_json=True,
        embedded_worker=False,  # tests drive the worker explicitly
    )


@pytest.fixture(scope="session")
async def engine(settings: Settings, database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


@pytest.fixture
def session_factory(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions whose commits become savepoints of the test's outer transaction."""
    return async_sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture(scope="session")
async def redis_url() -> str:
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    client = Redis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
    except Exception as exc:
        pytest.skip(f"Redis not reachable at {url} ({type(exc).__name__}); set REDIS_URL")
    finally:
        await client.aclose()
    return url


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def redis_namespace(redis_client: Redis) -> AsyncIterator[str]:
    """A key namespace of this test's own; its keys are deleted afterwards."""
    namespace = f"meridian-test-{uuid.uuid4().hex[:12]}"
    yield namespace
    keys = [key async for key in redis_client.scan_iter(f"{namespace}:*")]
    if keys:
        await redis_client.delete(*keys)
