"""The outbox worker loop: beat, claim a batch, deliver, sleep when idle.

Runs as ``meridian worker`` (one process or several side by side) or inside the API process
in single-process mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from usecases.notifications.deliver_outbox_batch import (
    BatchResult,
    DeliverOutboxBatch,
    DeliverOutboxBatchHandler,
)
from usecases.system.public import Heartbeats

log = logging.getLogger("meridian.worker")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{id(object()):x}"


class OutboxWorker:
    def __init__(
        self,
        handler: DeliverOutboxBatchHandler,
        heartbeats: Heartbeats,
        *,
        poll_seconds: float,
        name: str | None = None,
    ) -> None:
        self._handler = handler
        self._heartbeats = heartbeats
        self._poll = poll_seconds
        self.name = name or worker_name()

    async def run_once(self) -> BatchResult:
        return await self._handler.execute(DeliverOutboxBatch(worker=self.name))

    async def run(self, stop: asyncio.Event) -> None:
        log.info("outbox worker started", extra={"worker": self.name})
        while not stop.is_set():
            claimed = 0
            try:
                await self._heartbeats.beat("worker")
                claimed = (await self.run_once()).claimed
            except Exception:  # the loop outlives any one failure (database restart, ...)
                log.exception("outbox batch failed", extra={"worker": self.name})
            if claimed == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._poll)
        log.info("outbox worker stopped", extra={"worker": self.name})
