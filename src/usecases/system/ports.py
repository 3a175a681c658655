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
