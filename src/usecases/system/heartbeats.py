"""Process heartbeats kept in the cache: workers beat, the status page reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from domain.shared.clock import Clock
from usecases.shared.ports.cache import Cache

STALE_AFTER: Final = timedelta(seconds=30)

WorkerStatus = Literal["running", "stale", "not_running", "unknown"]


@dataclass(frozen=True, slots=True)
class ProcessState:
    status: WorkerStatus
    last_heartbeat: datetime | None


class Heartbeats:
    def __init__(self, cache: Cache, clock: Clock) -> None:
        self._cache = cache
        self._clock = clock

    @staticmethod
    def _key(process: str) -> str:
        return f"heartbeat:{process}"

    async def beat(self, process: str) -> None:
        now = self._clock.now().isoformat().encode()
        await self._cache.set(self._key(process), now, ttl_seconds=24 * 3600)

    async def state(self, process: str) -> ProcessState:
        """``unknown`` when the cache cannot be read: a status page reports, it never fails."""
        try:
            raw = await self._cache.get(self._key(process))
        except Exception:
            return ProcessState(status="unknown", last_heartbeat=None)
        if raw is None:
            return ProcessState(status="not_running", last_heartbeat=None)
        last = datetime.fromisoformat(raw.decode())
        fresh = self._clock.now() - last <= STALE_AFTER
        return ProcessState(status="running" if fresh else "stale", last_heartbeat=last)
