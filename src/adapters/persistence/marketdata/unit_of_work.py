"""Market data's unit of work: candles and the projector's cursor on one session, and the
projector's claim, a transaction-level advisory lock ``(0x6d64, hash of the job's name)``:
``pg_try_advisory_xact_lock`` answers at once and the lock ends with the transaction, so a
process killed mid-round holds nothing."""

from __future__ import annotations

import zlib
from typing import Final

from sqlalchemy import text

from adapters.persistence.marketdata.repositories import SqlCandles, SqlProjectorCursors
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

# The first key of the two-int advisory lock: market data's namespace.
NAMESPACE: Final = 0x6D64
TRY_LOCK: Final = text("SELECT pg_try_advisory_xact_lock(:ns, :key)")


class MarketDataUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def candles(self) -> SqlCandles:
        return SqlCandles(self.session)

    @property
    def cursors(self) -> SqlProjectorCursors:
        return SqlProjectorCursors(self.session)

    async def claim(self, name: str) -> bool:
        key = zlib.crc32(name.encode()) - 2**31  # a signed 32-bit int
        return bool(await self.session.scalar(TRY_LOCK, {"ns": NAMESPACE, "key": key}))
