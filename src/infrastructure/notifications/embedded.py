"""The outbox worker inside the API process (single-process mode), started and stopped with
the app, so the embedded default delivers mail with no extra process."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from infrastructure.container import Container
from infrastructure.wiring.notifications import outbox_worker


@contextlib.asynccontextmanager
async def embedded_worker(container: Container) -> AsyncIterator[None]:
    if not container.settings.runs_embedded_worker:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(outbox_worker(container).run(stop), name="embedded-outbox-worker")
    try:
        yield
    finally:
        stop.set()
        await task
