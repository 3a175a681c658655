"""The idempotency store on a unit of work's session.

``claim`` takes a transaction-scoped advisory lock keyed by a 64-bit hash of (scope, key):
``pg_try_advisory_xact_lock`` answers at once, so a duplicate arriving while the first request
is still in its transaction learns it (409) instead of waiting; the lock goes with that
transaction's commit or rollback, and from then on the stored row (or its absence) tells.

A row keeps the use case's result in ``result`` (``result_codec``). Rows written before
results were stored (migration 0015) have only ``response_body``: they are read back as
``AnsweredEarlier`` and replayed as they were answered."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, func, null, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.shared import result_codec
from adapters.persistence.shared.idempotency_models import IdempotencyKeyRow
from usecases.shared.ports.idempotency import AnsweredEarlier, IdempotencyRecord

KEYS = cast(Table, IdempotencyKeyRow.__table__)


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, scope: str, key: str) -> bool:
        lock_id = func.hashtextextended(f"idempotency|{scope}|{key}", 0)
        taken = await self._session.scalar(select(func.pg_try_advisory_xact_lock(lock_id)))
        return bool(taken)

    async def find(self, scope: str, key: str) -> IdempotencyRecord | None:
        row = (
            await self._session.execute(
                select(KEYS).where(KEYS.c.scope == scope, KEYS.c.key == key)
            )
        ).first()
        if row is None:
            return None
        if row.response_body is not None:  # written before results were stored
            return IdempotencyRecord(
                row.fingerprint, AnsweredEarlier(row.response_body), row.expires_at
            )
        return IdempotencyRecord(row.fingerprint, result_codec.decode(row.result), row.expires_at)

    async def save(self, scope: str, key: str, record: IdempotencyRecord, now: datetime) -> None:
        values = {
            "fingerprint": record.fingerprint,
            "result": result_codec.encode(record.result),
            "response_status": null(),
            "response_body": null(),  # SQL NULL, not JSON null
            "created_at": now,
            "expires_at": record.expires_at,
        }
        await self._session.execute(
            insert(KEYS)
            .values(scope=scope, key=key, **values)
            .on_conflict_do_update(
                index_elements=[KEYS.c.scope, KEYS.c.key],
                set_=values,
                where=KEYS.c.expires_at <= now,  # only an expired record is replaced
            )
        )


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    """Delete the records past their expiry; returns how many."""
    result = await session.execute(delete(KEYS).where(KEYS.c.expires_at <= now))
    return int(result.rowcount)  # type: ignore[attr-defined]
