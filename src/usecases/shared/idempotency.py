"""Idempotent use cases: a retried request never moves money twice.

A money-moving command carries an ``IdempotentRequest`` (the client's key, a fingerprint of
the request, and how to render the result as the HTTP response). Inside its open unit of work
the use case calls ``IdempotencyGate.enter``:

- another transaction holds the key right now → ``IdempotencyRequestInProgress`` (409);
- a stored response under the key with another fingerprint → ``IdempotencyKeyReused`` (422);
- a stored response with the same fingerprint → ``gate.replay`` (return it, change nothing);
- otherwise the use case does its work and calls ``gate.complete(result)``, which stores the
  rendered response through the same unit of work; the commit that follows makes the effect
  and the stored response durable together. A request that fails stores nothing: a retry runs
  again.

Keys are scoped to the caller (``user:<id>`` or ``api_key:<id>``) and kept ``ttl`` (24 h or
more); ``meridian idempotency purge`` deletes expired ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from domain.shared.actor import Actor
from domain.shared.errors import Conflict, Unauthenticated, ValidationFailed
from usecases.shared.ports.idempotency import IdempotencyRecord, IdempotencyStore, StoredResponse

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
class IdempotentRequest(Generic[T]):
    key: IdempotencyKey
    render: Callable[[T], StoredResponse]


@dataclass(frozen=True, slots=True)
class Idempotent(Generic[T]):
    """A use case's answer: the fresh ``value`` (None on a replay) and, when a key was given,
    the stored ``response`` the HTTP layer sends as is."""

    value: T | None
    response: StoredResponse | None = None
    replayed: bool = False


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
        request: IdempotentRequest[T] | None,
        replay: StoredResponse | None,
        ttl: timedelta,
    ) -> None:
        self._store = store
        self._scope = scope
        self._request = request
        self.replay: Idempotent[T] | None = (
            None if replay is None else Idempotent(None, replay, replayed=True)
        )
        self._ttl = ttl

    @classmethod
    async def enter(
        cls,
        store: IdempotencyStore,
        actor: Actor,
        request: IdempotentRequest[T] | None,
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> IdempotencyGate[T]:
        if request is None:
            return cls(store, "", None, None, ttl)
        scope = scope_of(actor)
        key = request.key
        if not await store.claim(scope, key.key):
            raise IdempotencyRequestInProgress(
                "a request with this Idempotency-Key is still being processed; retry shortly"
            )
        found = await store.find(scope, key.key)
        if found is None or found.expires_at <= now:
            return cls(store, scope, request, None, ttl)
        if found.fingerprint != key.fingerprint:
            raise IdempotencyKeyReused(
                "this Idempotency-Key was used for a different request; use a new key"
            )
        return cls(store, scope, request, found.response, ttl)

    async def complete(self, value: T, now: datetime) -> Idempotent[T]:
        if self._request is None:
            return Idempotent(value)
        response = self._request.render(value)
        record = IdempotencyRecord(self._request.key.fingerprint, response, now + self._ttl)
        await self._store.save(self._scope, self._request.key.key, record, now)
        return Idempotent(value, response)
