"""Use case: report version, uptime and the state of every dependency."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from domain.shared.clock import Clock
from usecases.system.heartbeats import Heartbeats, ProcessState
from usecases.system.ports import BuildInfo, HealthProbe, ProbeResult, QueueProbe, QueueStats


@dataclass(frozen=True, slots=True, kw_only=True)
class GetStatus:
    """No input: the status is public and the same for every caller."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusView:
    version: str
    environment: str
    mode: str
    started_at: datetime
    uptime_seconds: int
    database: ProbeResult
    redis: ProbeResult
    worker: ProcessState
    outbox: QueueStats | None


class GetStatusHandler:
    def __init__(
        self,
        *,
        build: BuildInfo,
        database: HealthProbe,
        redis: HealthProbe,
        heartbeats: Heartbeats,
        queue: QueueProbe,
        clock: Clock,
    ) -> None:
        self._build = build
        self._database = database
        self._redis = redis
        self._heartbeats = heartbeats
        self._queue = queue
        self._clock = clock

    async def execute(self, cmd: GetStatus) -> StatusView:
        database, redis, worker, outbox = await asyncio.gather(
            self._database.check(),
            self._redis.check(),
            self._heartbeats.state("worker"),
            self._queue.stats(),
        )
        now = self._clock.now()
        return StatusView(
            version=self._build.version,
            environment=self._build.environment,
            mode="single-process" if self._build.single_process else "distributed",
            started_at=self._build.started_at,
            uptime_seconds=int((now - self._build.started_at).total_seconds()),
            database=database,
            redis=redis,
            worker=worker,
            outbox=outbox,
        )
