"""The periodic job the worker runs (the idempotency purge): it runs at once, keeps running
after a failure, and stops as soon as asked."""

from __future__ import annotations

import asyncio

from infrastructure.background import PeriodicJob


async def test_a_periodic_job_runs_at_once_survives_a_failure_and_stops_when_asked() -> None:
    stop = asyncio.Event()
    calls: list[int] = []

    async def action() -> int:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("database restarting")
        if len(calls) == 3:
            stop.set()
        return len(calls)

    job = PeriodicJob("test", action, every=0.0)
    await asyncio.wait_for(job.run(stop), timeout=5)
    assert calls == [0, 1, 2]


async def test_a_long_period_does_not_delay_stopping() -> None:
    stop = asyncio.Event()
    ran = asyncio.Event()

    async def action() -> None:
        ran.set()

    task = asyncio.create_task(PeriodicJob("test", action, every=3600).run(stop))
    await asyncio.wait_for(ran.wait(), timeout=5)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
