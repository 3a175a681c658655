"""Waiting for concurrent requests to reach a lock: a state, not a duration."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from infrastructure.container import Container

_BLOCKED = text(
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


async def wait_for_blocked_queries(container: Container, count: int) -> None:
    """Until ``count`` queries of this database wait on a lock."""
    for _ in range(500):
        async with container.engine.connect() as connection:
            if await connection.scalar(_BLOCKED) == count:
                return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{count} queries never waited on a lock")
