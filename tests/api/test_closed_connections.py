"""A pooled connection that the server ended while it sat idle, and that the driver saw close,
is replaced when it is checked out, at no round trip: the next request that needs the database
succeeds instead of answering 503 (docs/operations.md)."""

from __future__ import annotations

import asyncio

from infrastructure.container import Container
from tests.api.test_database_reconnect import terminate_the_app_connections
from tests.support.accounts import Accounts

SESSIONS = "/api/v1/auth/sessions"  # read from the database on every request


async def test_a_connection_the_driver_saw_close_is_replaced_at_checkout(
    accounts: Accounts, container: Container, database_url: str
) -> None:
    account = await accounts.register()
    client = accounts.client
    warm = await asyncio.gather(*(client.get(SESSIONS, headers=account.headers) for _ in range(4)))
    assert {r.status_code for r in warm} == {200}  # several pooled connections now

    assert await terminate_the_app_connections(database_url) > 0
    await asyncio.sleep(0.5)  # the event loop reads the end of each connection's socket

    answers = [await client.get(SESSIONS, headers=account.headers) for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 200], [r.text for r in answers]
