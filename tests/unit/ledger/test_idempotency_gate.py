"""The idempotency gate with an in-memory store: replay, reuse, in-flight, expiry, scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.ids import UserId, new_uuid
from usecases.shared.idempotency import (
    IdempotencyGate,
    IdempotencyKey,
    IdempotencyKeyReused,
    IdempotencyRequestInProgress,
    Idempotent,
    scope_of,
)
from usecases.shared.ports.idempotency import AnsweredEarlier, Claim, IdempotencyRecord

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
USER = Actor(kind="user", user_id=UserId(new_uuid()))


class MemoryStore:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], IdempotencyRecord] = {}
        self.busy: set[tuple[str, str]] = set()

    async def claim(self, scope: str, key: str) -> bool:
        return (scope, key) not in self.busy

    async def find(self, scope: str, key: str) -> IdempotencyRecord | None:
        return self.rows.get((scope, key))

    async def save(self, scope: str, key: str, record: IdempotencyRecord, now: datetime) -> None:
        self.rows[(scope, key)] = record

    async def claim_storing(
        self, scope: str, key: str, record: IdempotencyRecord, now: datetime
    ) -> Claim:
        if (scope, key) in self.busy:
            return Claim.IN_PROGRESS
        found = self.rows.get((scope, key))
        if found is not None and found.expires_at > now:
            return Claim.ANSWERED
        self.rows[(scope, key)] = record
        return Claim.STORED


def request(fingerprint: str = "f1") -> IdempotencyKey:
    return IdempotencyKey("k", fingerprint)


async def test_a_completed_request_is_replayed_and_a_changed_one_refused() -> None:
    store = MemoryStore()
    gate = await IdempotencyGate.enter(store, USER, request(), NOW)
    assert gate.replay is None
    done = await gate.complete(7, NOW)
    assert done == Idempotent(7)
    assert store.rows[(scope_of(USER), "k")].result == 7  # the result, not a rendering of it
    again = await IdempotencyGate.enter(store, USER, request(), NOW)
    assert again.replay == Idempotent(7, replayed=True)
    with pytest.raises(IdempotencyKeyReused):
        await IdempotencyGate.enter(store, USER, request("f2"), NOW)
    later = await IdempotencyGate.enter(store, USER, request("f2"), NOW + timedelta(hours=25))
    assert later.replay is None  # expired: the key may be used again


async def test_a_key_held_by_another_transaction_is_in_progress() -> None:
    store = MemoryStore()
    store.busy.add((scope_of(USER), "k"))
    with pytest.raises(IdempotencyRequestInProgress):
        await IdempotencyGate.enter(store, USER, request(), NOW)


async def test_without_a_key_nothing_is_stored() -> None:
    store = MemoryStore()
    gate: IdempotencyGate[int] = await IdempotencyGate.enter(store, USER, None, NOW)
    outcome = await gate.complete(3, NOW)
    assert (outcome, store.rows) == (Idempotent(3), {})


async def test_a_record_from_before_results_were_stored_replays_its_earlier_answer() -> None:
    store = MemoryStore()
    earlier = AnsweredEarlier({"n": 7})
    store.rows[(scope_of(USER), "k")] = IdempotencyRecord("f1", earlier, NOW + timedelta(hours=1))
    gate: IdempotencyGate[int] = await IdempotencyGate.enter(store, USER, request(), NOW)
    assert gate.replay == Idempotent(None, replayed=True, earlier_answer={"n": 7})


async def test_begin_stores_the_result_with_the_claim_and_replays_it() -> None:
    store = MemoryStore()
    first = await IdempotencyGate.begin(store, USER, request(), 7, NOW)
    assert first == Idempotent(7)
    assert store.rows[(scope_of(USER), "k")].result == 7
    again = await IdempotencyGate.begin(store, USER, request(), 8, NOW)
    assert again == Idempotent(7, replayed=True)  # the first result, not the new one
    with pytest.raises(IdempotencyKeyReused):
        await IdempotencyGate.begin(store, USER, request("f2"), 9, NOW)
    later = await IdempotencyGate.begin(store, USER, request("f2"), 9, NOW + timedelta(hours=25))
    assert later == Idempotent(9)  # expired: the key is used again


async def test_begin_with_a_key_held_elsewhere_is_in_progress_and_without_one_stores_nothing() -> (
    None
):
    store = MemoryStore()
    store.busy.add((scope_of(USER), "k"))
    with pytest.raises(IdempotencyRequestInProgress):
        await IdempotencyGate.begin(store, USER, request(), 7, NOW)
    assert await IdempotencyGate.begin(store, USER, None, 3, NOW) == Idempotent(3)
    assert store.rows == {}


def test_scopes_separate_callers() -> None:
    assert scope_of(USER) == f"user:{USER.user_id}"
    assert scope_of(Actor(kind="api_key", user_id=USER.user_id, api_key_id="ak1")) == "api_key:ak1"
    with pytest.raises(Unauthenticated):
        scope_of(Actor.anonymous())
