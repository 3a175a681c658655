"""Losing Redis (``FLUSHDB``, a restart without persistence) while the platform runs revives
nothing: the database is the source of truth for sessions, revocations and lockouts; the cache
only their fast path, and a cache miss falls back to the database, never to "allowed"
(docs/operations.md). A flush may reset rate-limit counters; it does not lift a lockout."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from redis.asyncio import Redis

from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem, bearer

pytestmark = pytest.mark.redis
ME = "/api/v1/users/me"


async def lose_the_cache(container: Container) -> None:
    """What a FLUSHDB does to the app: a real FLUSHDB on a Redis database of the suite's own
    (not 0, e.g. REDIS_URL=redis://127.0.0.1:6379/7); on database 0, shared with whoever runs
    Redis locally, every key of this app's namespace is deleted instead."""
    redis = container.redis
    assert isinstance(redis, Redis), "these tests need real Redis"
    url = container.settings.redis_url or ""
    if urlparse(url).path.strip("/") not in ("", "0"):
        await redis.flushdb()
        return
    keys = [k async for k in redis.scan_iter(f"{container.settings.redis_namespace}:*")]
    if keys:
        await redis.delete(*keys)


@pytest.fixture(autouse=True)
def real_redis(redis_url: str, container: Container) -> None:
    if container.redis is None:
        pytest.skip("Redis not reachable: the app runs on its in-memory ports")


async def signed_in(accounts: Accounts, account: Account) -> dict[str, str]:
    login = await accounts.login(account.email, device_id="second-device")
    assert login.status_code == 200, login.text
    return bearer(login.json()["session"]["tokens"]["access_token"])


async def test_a_logged_out_access_token_stays_refused_after_a_flush(
    accounts: Accounts, container: Container
) -> None:
    account = await accounts.register()
    client = accounts.client
    assert (await client.get(ME, headers=account.headers)).status_code == 200
    assert (await client.post("/api/v1/auth/logout", headers=account.headers)).status_code == 204
    assert_problem(await client.get(ME, headers=account.headers), 401, "token_revoked")

    await lose_the_cache(container)
    assert_problem(await client.get(ME, headers=account.headers), 401, "token_revoked")


async def test_an_ended_session_stays_ended_and_a_live_one_keeps_working_after_a_flush(
    accounts: Accounts, container: Container
) -> None:
    account = await accounts.register()
    client = accounts.client
    other = await signed_in(accounts, account)
    assert (await client.get(ME, headers=other)).status_code == 200  # cached as active
    sessions = await client.get("/api/v1/auth/sessions", headers=account.headers)
    (second,) = [s for s in sessions.json()["items"] if not s["current"]]
    ended = await client.delete(f"/api/v1/auth/sessions/{second['id']}", headers=account.headers)
    assert ended.status_code == 204, ended.text

    await lose_the_cache(container)
    assert_problem(await client.get(ME, headers=other), 401, "token_revoked")
    assert (await client.get(ME, headers=account.headers)).status_code == 200  # from the DB
    assert (await client.get(ME, headers=account.headers)).status_code == 200  # cached again


async def test_a_flush_does_not_lift_a_lockout(accounts: Accounts, container: Container) -> None:
    account = await accounts.register()
    for _ in range(container.settings.lockout_threshold):
        await accounts.login(account.email, "not my password at all")
    assert_problem(await accounts.login(account.email), 401, "invalid_credentials")  # locked

    await lose_the_cache(container)
    assert_problem(await accounts.login(account.email), 401, "invalid_credentials")
