"""Outbox messages: one per channel of a notification, delivered at least once, retried with
exponential backoff, and dead-lettered after the last attempt with the error kept."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Category, Channel


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float
    max_seconds: float

    def delay(self, attempt: int, *, jitter: float | None = None) -> timedelta:
        """Exponential backoff after ``attempt`` failures, with jitter in [0.5, 1.0) so a
        burst of failures does not come back as a burst of retries."""
        factor = random.uniform(0.5, 1.0) if jitter is None else jitter  # noqa: S311
        raw = min(self.max_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
        return timedelta(seconds=raw * factor)


@dataclass(slots=True, kw_only=True)
class OutboxMessage:
    template: str
    category: Category
    channel: Channel
    address: str
    user_id: UserId | None
    variables: dict[str, str]
    sealed_secrets: str | None
    created_at: datetime
    id: UUID = field(default_factory=new_uuid)
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    delivered_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.next_attempt_at is None:
            self.next_attempt_at = self.created_at

    def delivered(self, now: datetime) -> None:
        self.status = OutboxStatus.DELIVERED
        self.delivered_at = now
        self.sealed_secrets = None  # a code that has been sent is not kept
        self.last_error = None

    def failed(self, error: str, now: datetime, policy: RetryPolicy, *, permanent: bool) -> None:
        """Record a failed attempt (``attempts`` already counts it)."""
        self.last_error = error[:1000]
        if permanent or self.attempts >= policy.max_attempts:
            self.status = OutboxStatus.DEAD
            self.sealed_secrets = None
            return
        self.next_attempt_at = now + policy.delay(self.attempts)
