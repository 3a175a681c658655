"""Redis health probe (reports ``in_memory`` in single-process mode)."""

from __future__ import annotations

import asyncio
import time

from usecases.shared.ports.cache import Cache
from usecases.system.public import ProbeResult


class CacheProbe:
    def __init__(self, cache: Cache, *, in_memory: bool, timeout_seconds: float = 2.0) -> None:
        self._cache = cache
        self._in_memory = in_memory
        self._timeout = timeout_seconds

    async def check(self) -> ProbeResult:
        if self._in_memory:
            return ProbeResult(status="in_memory", detail="single-process mode: no REDIS_URL")
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout):
                await self._cache.ping()
        except Exception as exc:  # a probe reports, it never raises
            return ProbeResult(status="down", detail=type(exc).__name__)
        return ProbeResult(status="ok", latency_ms=round((time.perf_counter() - started) * 1000, 2))
