"""What the system use cases need to know about the running platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

ProbeStatus = Literal["ok", "down", "in_memory"]


@dataclass(frozen=True, slots=True)
class ProbeResult:
    status: ProbeStatus
    latency_ms: float | None = None
    detail: str | None = None

    @property
    def healthy(self) -> bool:
        return self.status != "down"


class HealthProbe(Protocol):
    """Checks one dependency (database, Redis) and never raises."""

    async def check(self) -> ProbeResult: ...


@dataclass(frozen=True, slots=True)
class BuildInfo:
    version: str
    environment: str
    started_at: datetime
    single_process: bool


@dataclass(frozen=True, slots=True)
class QueueStats:
    pending: int
    oldest_pending_age_seconds: float | None
    dead: int


class QueueProbe(Protocol):
    """Depth of the outbox the worker drains."""

    async def stats(self) -> QueueStats | None:
        """None when the queue cannot be read right now."""
        ...
