"""The idempotency store on a unit of work's session.

``claim`` takes a transaction-scoped advisory lock keyed by a 64-bit hash of (scope, key):
``pg_try_advisory_xact_lock`` answers at once, so a duplicate arriving while the first request
is still in its transaction learns it (409) instead of waiting; the lock goes with that
transaction's commit or rollback, and from then on the stored row (or its absence) tells.

``claim_storing`` does both at once, in one statement: the advisory lock, and only when it is
taken, the insert of the record (or the replacement of an expired one); it answers which of
the three happened. Reading the row under the lock needs a statement of its own (a statement's
snapshot is taken before its lock), so a live record is then read by ``find``.

A row keeps the use case's result in ``result`` (``result_codec``). Rows written before
results were stored (migration 0016) have only ``response_body``: they are read back as
``AnsweredEarlier`` and replayed as they were answered."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import DateTime, String, Table, bindparam, delete, func, null, select, text
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.shared import result_codec
from adapters.persistence.shared.idempotency_models import IdempotencyKeyRow
from usecases.shared.ports.idempotency import AnsweredEarlier, Claim, IdempotencyRecord

KEYS = cast(Table, IdempotencyKeyRow.__table__)

# The lock first (a CTE evaluated once); the insert reads it, so nothing is written when
# another transaction holds the key. A conflicting live row (committed: its writer held the
# lock until it ended) makes the insert a no-op; an expired one is replaced.
CLAIM_STORING = text(
    """
    WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended(:lock_key, 0)) AS taken),
    stored AS (
        INSERT INTO idempotency_keys
            (scope, key, fingerprint, result, response_status, response_body,
             created_at, expires_at)
        SELECT :scope, :key, :fingerprint, :result, NULL, NULL, :now, :expires_at
        FROM lock WHERE lock.taken
        ON CONFLICT (scope, key) DO UPDATE SET
            fingerprint = EXCLUDED.fingerprint, result = EXCLUDED.result,
            response_status = NULL, response_body = NULL,
            created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
        RETURNING 1
    )
    SELECT lock.taken, EXISTS (SELECT 1 FROM stored) AS stored FROM lock
    """
).bindparams(
    bindparam("lock_key", type_=String),
    bindparam("scope", type_=String),
    bindparam("key", type_=String),
    bindparam("fingerprint", type_=String),
    bindparam("result", type_=JSONB),
    bindparam("now", type_=DateTime(timezone=True)),
    bindparam("expires_at", type_=DateTime(timezone=True)),
)


def _lock_key(scope: str, key: str) -> str:
    return f"idempotency|{scope}|{key}"


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, scope: str, key: str) -> bool:
        lock_id = func.hashtextextended(_lock_key(scope, key), 0)
        taken = await self._session.scalar(select(func.pg_try_advisory_xact_lock(lock_id)))
        return bool(taken)

    async def claim_storing(
        self, scope: str, key: str, record: IdempotencyRecord, now: datetime
    ) -> Claim:
        row = (
            await self._session.execute(
                CLAIM_STORING,
                {
                    "lock_key": _lock_key(scope, key),
                    "scope": scope,
                    "key": key,
                    "fingerprint": record.fingerprint,
                    "result": result_codec.encode(record.result),
                    "now": now,
                    "expires_at": record.expires_at,
                },
            )
        ).one()
        if not row.taken:
            return Claim.IN_PROGRESS
        return Claim.STORED if row.stored else Claim.ANSWERED

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
