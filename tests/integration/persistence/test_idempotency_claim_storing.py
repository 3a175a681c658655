"""The one-statement claim of the idempotency store on real PostgreSQL, with two sessions of
their own (the advisory lock and the row are about separate transactions): a key another
transaction holds is in progress; a rollback leaves no record; a committed live record is
answered (and nothing replaces it); an expired one is replaced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.persistence.shared.idempotency_store import SqlIdempotencyStore
from domain.shared.ids import new_uuid
from usecases.shared.ports.idempotency import Claim, IdempotencyRecord

NOW = datetime.now(UTC)


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind=engine, expire_on_commit=False)


@pytest.fixture
def scope() -> str:
    return f"user:{new_uuid()}"


def record(fingerprint: str, *, expires_at: datetime | None = None) -> IdempotencyRecord:
    return IdempotencyRecord(fingerprint, Decimal("10.50"), expires_at or NOW + timedelta(hours=1))


async def test_a_key_held_by_another_transaction_is_in_progress_and_a_rollback_stores_nothing(
    sessions: async_sessionmaker[AsyncSession], scope: str
) -> None:
    async with sessions() as first, sessions() as second:
        assert (
            await SqlIdempotencyStore(first).claim_storing(scope, "k", record("f1"), NOW)
            is Claim.STORED
        )
        assert (
            await SqlIdempotencyStore(second).claim_storing(scope, "k", record("f1"), NOW)
            is Claim.IN_PROGRESS
        )
        await second.rollback()
        await first.rollback()  # the use case failed after its claim: no record is left
    async with sessions() as third:
        assert await SqlIdempotencyStore(third).find(scope, "k") is None
        assert (
            await SqlIdempotencyStore(third).claim_storing(scope, "k", record("f2"), NOW)
            is Claim.STORED
        )
        await third.rollback()


async def test_a_committed_record_is_answered_and_kept_until_it_expires(
    sessions: async_sessionmaker[AsyncSession], scope: str
) -> None:
    async with sessions() as first:
        stored = await SqlIdempotencyStore(first).claim_storing(scope, "k", record("f1"), NOW)
        assert stored is Claim.STORED
        await first.commit()
    async with sessions() as second:
        store = SqlIdempotencyStore(second)
        assert await store.claim_storing(scope, "k", record("f2"), NOW) is Claim.ANSWERED
        found = await store.find(scope, "k")
        assert found is not None
        assert (found.fingerprint, found.result) == ("f1", Decimal("10.50"))
        await second.commit()
    later = NOW + timedelta(hours=2)
    async with sessions() as third:
        store = SqlIdempotencyStore(third)
        fresh = record("f3", expires_at=later + timedelta(hours=1))
        assert await store.claim_storing(scope, "k", fresh, later) is Claim.STORED
        found = await store.find(scope, "k")
        assert found is not None
        assert found.fingerprint == "f3"
        await third.commit()
    async with sessions() as cleanup:
        await cleanup.execute(
            text("DELETE FROM idempotency_keys WHERE scope = :scope"), {"scope": scope}
        )
        await cleanup.commit()
