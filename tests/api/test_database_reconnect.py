"""Without a ping per checkout (``DB_POOL_PRE_PING`` off, the default), losing every pooled
database connection (``pg_terminate_backend``, a server restart) costs at most the request that
meets a dead connection (503 problem+json ``database_unavailable``): the pool is then renewed
and the requests after it succeed."""

from __future__ import annotations

import asyncio

import asyncpg

from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.database.engine import create_engine
from tests.support.accounts import Accounts

ME = "/api/v1/users/me"
TERMINATE = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND application_name = 'meridian'"
)


def test_pooled_connections_are_not_pinged_before_use(settings: Settings) -> None:
    engine = create_engine(settings, settings.database_url or "")
    assert engine.pool._pre_ping is False  # type: ignore[attr-defined]


async def terminate_the_app_connections(database_url: str) -> int:
    """From a connection of the test's own (not the app's pool)."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return int(await conn.fetchval(TERMINATE) or 0)
    finally:
        await conn.close()


async def test_after_the_server_ends_every_pooled_connection_the_next_requests_recover(
    accounts: Accounts, container: Container, database_url: str
) -> None:
    account = await accounts.register()
    client = accounts.client
    warm = await asyncio.gather(*(client.get(ME, headers=account.headers) for _ in range(6)))
    assert {r.status_code for r in warm} == {200}  # several pooled connections now

    assert await terminate_the_app_connections(database_url) > 0

    answers = [await client.get(ME, headers=account.headers) for _ in range(8)]
    first, rest = answers[0], answers[1:]
    assert first.status_code in (200, 503), first.text
    if first.status_code == 503:
        assert first.headers["content-type"].startswith("application/problem+json")
        assert first.json()["code"] == "database_unavailable"
        assert int(first.headers["Retry-After"]) >= 1
    assert [r.status_code for r in rest] == [200] * len(rest), [r.text for r in rest]
    assert rest[-1].json()["email"] == account.email
