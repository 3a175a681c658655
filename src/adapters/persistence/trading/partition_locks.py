"""The matcher's single-writer guarantee across processes: a PostgreSQL session-level
advisory lock per instrument partition, held on a connection of its own for as long as this
process owns the partition's books. ``pg_try_advisory_lock`` answers at once; the lock goes
when the connection closes (a crashed process loses it with its connection)."""

from __future__ import annotations

from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

# The first key of the two-int advisory lock: trading's namespace.
NAMESPACE: Final = 0x7472


class SqlPartitionLock:
    def __init__(self, connection: AsyncConnection, partition: int) -> None:
        self._connection = connection
        self._partition = partition

    async def release(self) -> None:
        try:
            await self._connection.execute(
                text("SELECT pg_advisory_unlock(:ns, :p)"), {"ns": NAMESPACE, "p": self._partition}
            )
            await self._connection.commit()
        finally:
            await self._connection.close()


class SqlPartitionLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def try_acquire(self, partition: int) -> SqlPartitionLock | None:
        connection = await self._engine.connect()
        try:
            taken = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:ns, :p)"), {"ns": NAMESPACE, "p": partition}
            )
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        if not taken:
            await connection.close()
            return None
        return SqlPartitionLock(connection, partition)
