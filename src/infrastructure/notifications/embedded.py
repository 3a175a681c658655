"""The outbox worker and the bank rail worker inside the API process (single-process mode),
started and stopped with the app, so the embedded default delivers mail and settles sandbox
deposits and withdrawals with no extra process."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from infrastructure.container import Container
from infrastructure.wiring.banking import rail_worker
from infrastructure.wiring.notifications import outbox_worker


@contextlib.asynccontextmanager
async def embedded_worker(container: Container) -> AsyncIterator[None]:
    if not container.settings.runs_embedded_worker:
        yield
        return
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(outbox_worker(container).run(stop), name="embedded-outbox-worker"),
        asyncio.create_task(rail_worker(container).run(stop), name="embedded-bank-rail-worker"),
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks)
