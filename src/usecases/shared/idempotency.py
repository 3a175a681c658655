"""Idempotent use cases: a retried request never moves money twice.

A money-moving command carries an ``IdempotencyKey`` (the client's key and a fingerprint of
the request). Inside its open unit of work the use case calls ``IdempotencyGate.enter``:

- another transaction holds the key right now → ``IdempotencyRequestInProgress`` (409);
- a stored record under the key with another fingerprint → ``IdempotencyKeyReused`` (422);
- a stored record with the same fingerprint → ``gate.replay`` (return it, change nothing): the
  result the first request produced, which the delivering adapter renders as it did then;
- otherwise the use case does its work and calls ``gate.complete(result)``, which stores the
  result through the same unit of work; the commit that follows makes the effect and the stored
  result durable together. A request that fails stores nothing: a retry runs again.

A use case whose result is complete before it writes anything (a deposit: the new pending row)
calls ``IdempotencyGate.begin`` with it instead: the claim and the stored result are one
statement, rolled back with the effect if the use case fails afterwards; the same three
answers (in progress, reused, a replay) otherwise.

Keys are scoped to the caller (``user:<id>`` or ``api_key:<id>``) and kept ``ttl`` (24 h or
more); ``meridian idempotency purge`` deletes expired ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from domain.shared.actor import Actor
from domain.shared.errors import Conflict, Unauthenticated, ValidationFailed
from usecases.shared.ports.idempotency import (
    AnsweredEarlier,
    Claim,
    IdempotencyRecord,
    IdempotencyStore,
)

T = TypeVar("T")
DEFAULT_TTL = timedelta(hours=24)


class IdempotencyKeyReused(ValidationFailed):
    code = "idempotency_key_reused"
    title = "Idempotency key used for another request"


class IdempotencyRequestInProgress(Conflict):
    code = "idempotency_request_in_progress"
    title = "A request with this idempotency key is still in progress"


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    key: str
    fingerprint: str  # sha256 of method, path and canonical body


@dataclass(frozen=True, slots=True)
class Idempotent(Generic[T]):
    """A use case's answer: its result, fresh or (``replayed``) the one the first request with
    this key produced. ``value`` is None only when replaying a record from before results were
    stored; ``earlier_answer`` is then what the adapter answered that time."""

    value: T | None
    replayed: bool = False
    earlier_answer: Any = None


def scope_of(actor: Actor) -> str:
    if actor.api_key_id is not None:
        return f"api_key:{actor.api_key_id}"
    if actor.user_id is not None:
        return f"user:{actor.user_id}"
    if actor.kind == "system":
        return "system:" + ",".join(sorted(actor.roles))
    raise Unauthenticated("an idempotent request needs a signed-in caller")


class IdempotencyGate(Generic[T]):
    def __init__(
        self,
        store: IdempotencyStore,
        scope: str,
        key: IdempotencyKey | None,
        replay: Idempotent[T] | None,
        ttl: timedelta,
    ) -> None:
        self._store = store
        self._scope = scope
        self._key = key
        self.replay = replay
        self._ttl = ttl

    @classmethod
    async def enter(
        cls,
        store: IdempotencyStore,
        actor: Actor,
        key: IdempotencyKey | None,
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> IdempotencyGate[T]:
        if key is None:
            return cls(store, "", None, None, ttl)
        scope = scope_of(actor)
        if not await store.claim(scope, key.key):
            raise _in_progress()
        found = await store.find(scope, key.key)
        if found is None or found.expires_at <= now:
            return cls(store, scope, key, None, ttl)
        return cls(store, scope, key, _replay(found, key), ttl)

    @classmethod
    async def begin(
        cls,
        store: IdempotencyStore,
        actor: Actor,
        key: IdempotencyKey | None,
        result: T,
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> Idempotent[T]:
        """``enter`` and ``complete`` in one statement, for a result known before the use case
        writes: ``Idempotent(result)`` (stored; go on and commit) or the replay of the first
        request (``replayed``; write nothing)."""
        if key is None:
            return Idempotent(result)
        scope = scope_of(actor)
        record = IdempotencyRecord(key.fingerprint, result, now + ttl)
        claim = await store.claim_storing(scope, key.key, record, now)
        if claim is Claim.STORED:
            return Idempotent(result)
        if claim is Claim.IN_PROGRESS:
            raise _in_progress()
        found = await store.find(scope, key.key)
        if found is None or found.expires_at <= now:  # expired between the two statements
            raise _in_progress()
        return _replay(found, key)

    async def complete(self, value: T, now: datetime) -> Idempotent[T]:
        """Store the result (in the caller's transaction) and return it."""
        if self._key is not None:
            record = IdempotencyRecord(self._key.fingerprint, value, now + self._ttl)
            await self._store.save(self._scope, self._key.key, record, now)
        return Idempotent(value)


def _in_progress() -> IdempotencyRequestInProgress:
    return IdempotencyRequestInProgress(
        "a request with this Idempotency-Key is still being processed; retry shortly"
    )


def _replay(found: IdempotencyRecord, key: IdempotencyKey) -> Idempotent[Any]:
    if found.fingerprint != key.fingerprint:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was used for a different request; use a new key"
        )
    if isinstance(found.result, AnsweredEarlier):
        return Idempotent(None, True, found.result.answer)
    return Idempotent(found.result, replayed=True)
