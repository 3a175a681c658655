"""Idempotency store port: the record of a money-moving request, written through the caller's
unit of work so the stored response and the effect commit in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from usecases.shared.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """What the first request answered: status and JSON body, replayed byte for byte."""

    status: int
    body: Any


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    fingerprint: str
    response: StoredResponse
    expires_at: datetime


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


class IdempotentUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that can record idempotency keys (every SQL unit of work can)."""

    @property
    def idempotency(self) -> IdempotencyStore: ...
