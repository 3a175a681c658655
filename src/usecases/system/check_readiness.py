"""Use case: is this process ready to serve (database and Redis reachable)?"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from usecases.system.ports import HealthProbe, ProbeResult


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReadiness:
    """No input."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadinessView:
    ready: bool
    database: ProbeResult
    redis: ProbeResult


class CheckReadinessHandler:
    def __init__(self, *, database: HealthProbe, redis: HealthProbe) -> None:
        self._database = database
        self._redis = redis

    async def execute(self, cmd: CheckReadiness) -> ReadinessView:
        database, redis = await asyncio.gather(self._database.check(), self._redis.check())
        return ReadinessView(
            ready=database.healthy and redis.healthy, database=database, redis=redis
        )
