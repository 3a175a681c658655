"""Identity API tests (the app, client and accounts fixtures of tests/api/conftest.py run on
this container): the real app on the suite's PostgreSQL and, when it is reachable, real
Redis (rate limits, token denylist, cache) under a namespace of the test's own. The clock is a
FixedClock starting now, so tests can move time."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.support.clock import FixedClock
from tests.support.databases import truncate_all

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
    await truncate_all(engine)
