"""Database health probe: a round trip through the pool."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from usecases.system.public import ProbeResult


class DatabaseProbe:
    def __init__(self, engine: AsyncEngine, *, timeout_seconds: float = 2.0) -> None:
        self._engine = engine
        self._timeout = timeout_seconds

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout), self._engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # a probe reports, it never raises
            return ProbeResult(status="down", detail=type(exc).__name__)
        return ProbeResult(status="ok", latency_ms=round((time.perf_counter() - started) * 1000, 2))
