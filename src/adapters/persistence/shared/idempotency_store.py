"""The idempotency store on a unit of work's session.

``claim`` takes a transaction-scoped advisory lock keyed by a 64-bit hash of (scope, key):
``pg_try_advisory_xact_lock`` answers at once, so a duplicate arriving while the first request
is still in its transaction learns it (409) instead of waiting; the lock goes with that
transaction's commit or rollback, and from then on the stored row (or its absence) tells. The
same statement reads the stored row, which the ``find`` after it answers from (one round trip
for both); ``save`` refuses when a live record is there after all (see ``CLAIM_FINDING``).

``claim_storing`` does both at once, in one statement: the advisory lock, and only when it is
taken, the insert of the record (or the replacement of an expired one); it answers which of
the three happened. Reading the row under the lock needs a statement of its own (a statement's
snapshot is taken before its lock), so a live record is then read by ``find``.

A row keeps the use case's result in ``result`` (``result_codec``). Rows written before
results were stored (migration 0016) have only ``response_body``: they are read back as
``AnsweredEarlier`` and replayed as they were answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    DateTime,
    String,
    Table,
    bindparam,
    column,
    delete,
    null,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.shared import result_codec
from adapters.persistence.shared.idempotency_models import IdempotencyKeyRow
from usecases.shared.idempotency import IdempotencyRequestInProgress
from usecases.shared.ports.idempotency import AnsweredEarlier, Claim, IdempotencyRecord

KEYS = cast(Table, IdempotencyKeyRow.__table__)

# What a record's insert does on a conflict: replace an expired record, leave a live one (and
# answer no row for it); shared by the two statements that store a record below.
_REPLACING_AN_EXPIRED_RECORD = """
    ON CONFLICT (scope, key) DO UPDATE SET
        fingerprint = EXCLUDED.fingerprint, result = EXCLUDED.result,
        response_status = NULL, response_body = NULL,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
    RETURNING 1
"""
# The lock first (a CTE evaluated once); the insert reads it, so nothing is written when
# another transaction holds the key. A conflicting live row (committed: its writer held the
# lock until it ended) makes the insert a no-op; an expired one is replaced.
CLAIM_STORING = text(
    f"""
    WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended(:lock_key, 0)) AS taken),
    stored AS (
        INSERT INTO idempotency_keys
            (scope, key, fingerprint, result, response_status, response_body,
             created_at, expires_at)
        SELECT :scope, :key, :fingerprint, :result, NULL, NULL, :now, :expires_at
        FROM lock WHERE lock.taken
        {_REPLACING_AN_EXPIRED_RECORD}
    )
    SELECT lock.taken, EXISTS (SELECT 1 FROM stored) AS stored FROM lock
    """  # noqa: S608  (our own fragment, no input)
).bindparams(
    bindparam("lock_key", type_=String),
    bindparam("scope", type_=String),
    bindparam("key", type_=String),
    bindparam("fingerprint", type_=String),
    bindparam("result", type_=JSONB),
    bindparam("now", type_=DateTime(timezone=True)),
    bindparam("expires_at", type_=DateTime(timezone=True)),
)
# ``save`` as one data-modifying statement that answers a row when it wrote (a new record, or
# one replacing an expired record; a live one is left as it is), for a statement that sends it
# along with another (the ledger's unit of work, with the audit row)
SAVE_RETURNING = text(
    f"""
    INSERT INTO idempotency_keys
        (scope, key, fingerprint, result, response_status, response_body, created_at, expires_at)
    VALUES (:scope, :key, :fingerprint, :result, NULL, NULL, :now, :expires_at)
    {_REPLACING_AN_EXPIRED_RECORD}
    """  # noqa: S608  (our own fragment, no input)
).bindparams(
    bindparam("scope", type_=String),
    bindparam("key", type_=String),
    bindparam("fingerprint", type_=String),
    bindparam("result", type_=JSONB),
    bindparam("now", type_=DateTime(timezone=True)),
    bindparam("expires_at", type_=DateTime(timezone=True)),
)


# ``claim`` and the ``find`` that follows it in one round trip: the lock, and the stored row
# read in the same statement. That statement's snapshot is taken before its lock, so a record
# committed by the key's previous holder in between may be missed; ``save`` then finds it live
# (its insert conflicts with the committed row, whatever the snapshot) and refuses, so the
# transaction rolls back instead of applying the effect twice.
CLAIM_FINDING = (
    text(
        """
    WITH lock AS MATERIALIZED (
        SELECT pg_try_advisory_xact_lock(hashtextextended(:lock_key, 0)) AS taken
    )
    SELECT lock.taken, k.fingerprint, k.result, k.response_body, k.expires_at
    FROM lock LEFT JOIN idempotency_keys AS k
        ON lock.taken AND k.scope = :scope AND k.key = :key
    """
    )
    .bindparams(
        bindparam("lock_key", type_=String),
        bindparam("scope", type_=String),
        bindparam("key", type_=String),
    )
    .columns(
        column("taken", Boolean),
        column("fingerprint", String),
        column("result", JSONB),
        column("response_body", JSONB),
        column("expires_at", DateTime(timezone=True)),
    )
)
_INSERT_KEY = insert(KEYS).values(
    scope=bindparam("scope"),
    key=bindparam("key"),
    fingerprint=bindparam("fingerprint"),
    result=bindparam("result", type_=JSONB),
    response_status=null(),
    response_body=null(),  # SQL NULL, not JSON null
    created_at=bindparam("now"),
    expires_at=bindparam("expires_at"),
)
_SAVE = _INSERT_KEY.on_conflict_do_update(
    index_elements=[KEYS.c.scope, KEYS.c.key],
    set_={
        "fingerprint": _INSERT_KEY.excluded.fingerprint,
        "result": _INSERT_KEY.excluded.result,
        "response_status": null(),
        "response_body": null(),
        "created_at": _INSERT_KEY.excluded.created_at,
        "expires_at": _INSERT_KEY.excluded.expires_at,
    },
    where=KEYS.c.expires_at <= bindparam("now"),  # only an expired record is replaced
)


def _lock_key(scope: str, key: str) -> str:
    return f"idempotency|{scope}|{key}"


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._claimed: tuple[str, str, IdempotencyRecord | None] | None = None

    async def claim(self, scope: str, key: str) -> bool:
        """Take the key; the stored record is read in the same statement and kept for the
        ``find`` of the same key that follows."""
        row = (
            await self._session.execute(
                CLAIM_FINDING, {"lock_key": _lock_key(scope, key), "scope": scope, "key": key}
            )
        ).one()
        if not row.taken:
            return False
        self._claimed = (scope, key, None if row.expires_at is None else _record(row))
        return True

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
        claimed, self._claimed = self._claimed, None
        if claimed is not None and claimed[:2] == (scope, key):
            return claimed[2]
        row = (
            await self._session.execute(
                select(KEYS).where(KEYS.c.scope == scope, KEYS.c.key == key)
            )
        ).first()
        return None if row is None else _record(row)

    async def save(self, scope: str, key: str, record: IdempotencyRecord, now: datetime) -> None:
        result = await self._session.execute(
            _SAVE,
            {
                "scope": scope,
                "key": key,
                "fingerprint": record.fingerprint,
                "result": result_codec.encode(record.result),
                "now": now,
                "expires_at": record.expires_at,
            },
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            # A live record the claim's snapshot missed: the first request's effect is
            # committed, so this one must not apply its own (the caller's transaction ends
            # in this error and rolls back; a retry replays the first answer).
            raise IdempotencyRequestInProgress(
                "a request with this Idempotency-Key has just been processed; retry to get "
                "its answer"
            )


def _record(row: Any) -> IdempotencyRecord:
    if row.response_body is not None:  # written before results were stored
        return IdempotencyRecord(
            row.fingerprint, AnsweredEarlier(row.response_body), row.expires_at
        )
    return IdempotencyRecord(row.fingerprint, result_codec.decode(row.result), row.expires_at)


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    """Delete the records past their expiry; returns how many."""
    result = await session.execute(delete(KEYS).where(KEYS.c.expires_at <= now))
    return int(result.rowcount)  # type: ignore[attr-defined]
