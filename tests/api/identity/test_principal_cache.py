"""The principal of an authenticated request (revocations, status, roles, valid-after, the
two-factor requirement) costs one cache round trip and no database round trip when warm; a
change counts on the next request; a stale cache write cannot bring back what the database
revoked; and with Redis unreachable the database answers (docs/identity.md, "The principal
cache")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.actor import Actor
from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, super_admin
from usecases.identity.access_control.remove_role import RemoveRoleHandler
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.public.authenticator import Authenticator, RequestOrigin

ME = "/api/v1/users/me"
USERS = "/api/v1/users"
ORIGIN = RequestOrigin(ip="127.0.0.1", user_agent="pytest", request_id=None)
CACHE_CALLS = ("get", "get_many", "set", "set_if_absent", "delete")


@pytest.fixture(autouse=True)
def real_redis(container: Container) -> None:
    if container.redis is None:
        pytest.skip("Redis not reachable: the app runs on its in-memory ports")


@contextmanager
def round_trips(container: Container) -> Iterator[dict[str, list[str]]]:
    """The cache calls and SQL statements made inside the block."""
    seen: dict[str, list[str]] = {"cache": [], "sql": []}
    cache = container.cache
    for name in CACHE_CALLS:
        original = getattr(cache, name)

        def counted(*args: Any, _name: str = name, _call: Any = original, **kw: Any) -> Any:
            seen["cache"].append(_name)
            return _call(*args, **kw)

        setattr(cache, name, counted)

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        seen["sql"].append(sql)

    engine: AsyncEngine = container.engine
    event.listen(engine.sync_engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", statement)
        for name in CACHE_CALLS:
            delattr(cache, name)


async def principal(app: FastAPI, account: Account) -> Actor:
    """What every request's authentication makes of the account's access token."""
    authenticator: Authenticator = app.state.handlers.resolve(Authenticator)
    return await authenticator.from_bearer(account.tokens["access_token"], ORIGIN)


async def test_a_warm_request_costs_one_cache_round_trip_and_no_database_round_trip(
    app: FastAPI, accounts: Accounts, container: Container
) -> None:
    account = await accounts.register()
    assert (await accounts.client.get(ME, headers=account.headers)).status_code == 200  # warm
    with round_trips(container) as seen:
        actor = await principal(app, account)
    assert actor.user_id is not None
    assert actor.roles == frozenset({"user"})
    assert seen == {"cache": ["get_many"], "sql": []}


async def test_a_cold_request_asks_the_database_once_and_warms_the_cache(
    app: FastAPI, accounts: Accounts, container: Container
) -> None:
    account = await accounts.register()
    with round_trips(container) as cold:
        await principal(app, account)
    assert cold["cache"][0] == "get_many"
    assert 1 <= len(cold["sql"]) <= 3  # session, access, role policies: one unit of work
    with round_trips(container) as warm:
        await principal(app, account)
    assert warm == {"cache": ["get_many"], "sql": []}


async def test_a_stale_write_after_the_change_cannot_resurrect_a_role(
    app: FastAPI, accounts: Accounts, container: Container
) -> None:
    """A request that read the user's access before an operator removed a role and caches it
    after the removal was forgotten: its write carries the old epoch and is ignored."""
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await grant_role(accounts, root, user, "admin")
    await accounts.enable_two_factor(user)
    assert (await accounts.client.get(USERS, headers=user.headers)).status_code == 200
    access = app.state.handlers.resolve(RemoveRoleHandler)._access  # the app's one instance
    assert isinstance(access, UserAccessCache)
    user_id = (await principal(app, user)).user_id
    assert user_id is not None
    keys = access.keys(user_id)

    # a slow reader read the user's access (still admin) under the current epoch...
    epoch, raw, *_ = await container.cache.get_many(keys)
    before = access.found(user_id, [epoch, raw, None, None]).access
    assert epoch is not None
    assert before is not None
    assert "admin" in before.roles
    # ...an operator removes the role (committed, then forgotten)...
    code = user.user["code"]
    removed = await accounts.client.delete(f"{USERS}/{code}/roles/admin", headers=root.headers)
    assert removed.status_code == 200, removed.text
    # ...and the slow reader caches what it read, tagged with the epoch it saw
    await access.store(user_id, epoch.decode(), before)

    assert_problem(await accounts.client.get(USERS, headers=user.headers), 403, "permission_denied")
    assert (await principal(app, user)).roles == frozenset({"user"})


async def test_a_role_that_comes_to_require_two_factor_holds_back_permissions_at_once(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    holder = await accounts.register()
    await grant_role(accounts, root, holder, "investor")
    assert "trading:trade" in (await principal(app, holder)).permissions  # cached
    required = await accounts.client.patch(
        "/api/v1/roles/investor", headers=root.headers, json={"require_two_factor": True}
    )
    assert required.status_code == 200, required.text
    try:
        assert (await principal(app, holder)).permissions == frozenset()
    finally:
        lifted = await accounts.client.patch(
            "/api/v1/roles/investor", headers=root.headers, json={"require_two_factor": False}
        )
        assert lifted.status_code == 200, lifted.text
    assert "trading:trade" in (await principal(app, holder)).permissions


@contextmanager
def redis_unreachable(container: Container) -> Iterator[None]:
    """Every command of the app's Redis client fails to connect (a stopped Redis)."""
    assert container.redis is not None
    pool = container.redis.connection_pool
    port = pool.connection_kwargs.get("port")
    pool.connection_kwargs["port"] = 1  # nothing listens there
    pool.reset()
    try:
        yield
    finally:
        pool.connection_kwargs["port"] = port
        pool.reset()


async def test_with_redis_unreachable_the_database_answers_and_grants_nothing_revoked(
    app: FastAPI, accounts: Accounts, container: Container
) -> None:
    kept = await accounts.register()
    gone = await accounts.register()
    blocked = await accounts.register()
    for account in (kept, gone, blocked):  # warm: their principals are cached
        assert (await accounts.client.get(ME, headers=account.headers)).status_code == 200
    logout = await accounts.client.post("/api/v1/auth/logout", headers=gone.headers)
    assert logout.status_code == 204

    with redis_unreachable(container):
        with pytest.raises(Exception):  # noqa: B017, PT011 - the client really is cut off
            await container.redis.ping()  # type: ignore[union-attr]
        me = await accounts.client.get(ME, headers=kept.headers)
        assert me.status_code == 200, me.text
        assert me.json()["email"] == kept.email
        assert_problem(await accounts.client.get(ME, headers=gone.headers), 401, "token_revoked")
        # blocked while Redis is away: the database says so on the next request
        async with container.engine.begin() as conn:
            await conn.execute(
                text("UPDATE users SET status = 'blocked' WHERE code = :c"),
                {"c": blocked.user["code"]},
            )
        assert_problem(await accounts.client.get(ME, headers=blocked.headers), 401, "token_revoked")
    assert (await accounts.client.get(ME, headers=kept.headers)).status_code == 200
