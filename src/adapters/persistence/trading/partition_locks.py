"""The matcher's single-writer guarantee across processes: a PostgreSQL session-level
advisory lock per instrument partition, ``(0x7472, partition)``, held for as long as this
process owns the partition's books. All of a process's partition locks live on ONE
connection (taken from the pool with the first lock, given back unlocked with the last
release), so owning every partition costs one connection. ``pg_try_advisory_lock`` answers
at once. A process that dies loses its locks with its connection: another can take over."""

from __future__ import annotations

import asyncio
from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

# The first key of the two-int advisory lock: trading's namespace.
NAMESPACE: Final = 0x7472
TRY_LOCK: Final = text("SELECT pg_try_advisory_lock(:ns, :p)")
UNLOCK: Final = text("SELECT pg_advisory_unlock(:ns, :p)")


class SqlPartitionLock:
    def __init__(self, owner: SqlPartitionLocks, partition: int) -> None:
        self._owner = owner
        self.partition = partition

    async def release(self) -> None:
        await self._owner.release(self.partition)


class SqlPartitionLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._held: set[int] = set()
        self._guard = asyncio.Lock()  # one statement at a time on the one connection

    async def try_acquire(self, partition: int) -> SqlPartitionLock | None:
        async with self._guard:
            if partition in self._held:
                return None  # this process owns it already: one owner object per partition
            if self._connection is None:
                self._connection = await self._engine.connect()
            taken = await self._connection.scalar(TRY_LOCK, {"ns": NAMESPACE, "p": partition})
            await self._connection.commit()
            if not taken:
                await self._close_if_idle()
                return None
            self._held.add(partition)
            return SqlPartitionLock(self, partition)

    async def release(self, partition: int) -> None:
        async with self._guard:
            if partition not in self._held or self._connection is None:
                return
            self._held.discard(partition)
            try:
                await self._connection.execute(UNLOCK, {"ns": NAMESPACE, "p": partition})
                await self._connection.commit()
            finally:
                await self._close_if_idle()

    async def _close_if_idle(self) -> None:
        if not self._held and self._connection is not None:
            connection, self._connection = self._connection, None
            await connection.close()
