"""Idempotency store port: the record of a money-moving request, written through the caller's
unit of work so the stored result and the effect commit in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """What the first request produced: the use case's result (a domain value), kept as is."""

    fingerprint: str
    result: object
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AnsweredEarlier:
    """The ``result`` of a record written by a release that stored what its adapter answered
    instead of the result: only that answer is left, and the adapter that gave it replays it.
    Use cases pass it on unopened. Such records are gone one ``ttl`` after the upgrade."""

    answer: Any


class Claim(Enum):
    """What ``claim_storing`` found: the key was free and the record is stored now; another
    transaction holds the key; or a live record from an earlier request is there (``find``)."""

    STORED = "stored"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"


class IdempotencyStore(Protocol):
    async def claim(self, scope: str, key: str) -> bool:
        """Take the key for this transaction (released at commit or rollback); ``False`` when
        another transaction holds it right now (that request is still in flight)."""
        ...

    async def find(self, scope: str, key: str) -> IdempotencyRecord | None: ...

    async def save(
        self,
        scope: str,
        key: str,
        record: IdempotencyRecord,
        now: datetime,
    ) -> None:
        """Store (or replace an expired) record; committed with the caller's transaction."""
        ...

    async def claim_storing(
        self, scope: str, key: str, record: IdempotencyRecord, now: datetime
    ) -> Claim:
        """``claim`` and ``save`` at once (one statement), for a result known before the use
        case writes: take the key for this transaction and store the record, unless another
        transaction holds the key (``IN_PROGRESS``) or a live record is there (``ANSWERED``,
        nothing stored). A rollback takes the record away with the effect."""
        ...


class IdempotentUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that can record idempotency keys (every SQL unit of work can)."""

    @property
    def idempotency(self) -> IdempotencyStore: ...
