"""One market simulator in the whole deployment: a PostgreSQL session-level advisory lock,
``(0x6d73, 1)`` ("ms": market simulator), held on a connection of its own for as long as the
run lasts. ``pg_try_advisory_lock`` answers at once; a process that dies loses the lock with
its connection, so another can take over."""

from __future__ import annotations

from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

NAMESPACE: Final = 0x6D73
KEY: Final = 1
TRY_LOCK: Final = text("SELECT pg_try_advisory_lock(:ns, :key)")
UNLOCK: Final = text("SELECT pg_advisory_unlock(:ns, :key)")


class SqlHeldSimulatorLock:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection: AsyncConnection | None = connection

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            await connection.execute(UNLOCK, {"ns": NAMESPACE, "key": KEY})
            await connection.commit()
        finally:
            await connection.close()


class SqlSimulatorLock:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def try_acquire(self) -> SqlHeldSimulatorLock | None:
        connection = await self._engine.connect()
        try:
            taken = await connection.scalar(TRY_LOCK, {"ns": NAMESPACE, "key": KEY})
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        if not taken:
            await connection.close()
            return None
        return SqlHeldSimulatorLock(connection)
