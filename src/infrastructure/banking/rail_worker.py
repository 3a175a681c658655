"""The rail instruction worker loop: submit due deposit collections and withdrawal payouts to
the bank rail, sleep when idle. Runs next to the outbox worker (``meridian worker``, or inside
``meridian serve`` with the embedded worker). On a graceful stop it runs ``on_stop`` (the
sandbox rail delivers the settlements it has scheduled)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from usecases.banking.submit_rail_instructions import (
    SubmitRailInstructions,
    SubmitRailInstructionsHandler,
)

log = logging.getLogger("meridian.worker.bank_rail")


class RailWorker:
    def __init__(
        self,
        handler: SubmitRailInstructionsHandler,
        *,
        poll_seconds: float,
        on_stop: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._handler = handler
        self._poll = poll_seconds
        self._on_stop = on_stop

    async def run_once(self) -> int:
        return await self._handler.execute(SubmitRailInstructions())

    async def run(self, stop: asyncio.Event) -> None:
        log.info("bank rail worker started")
        while not stop.is_set():
            taken = 0
            try:
                taken = await self.run_once()
            except Exception:  # the loop outlives any one failure (database restart, ...)
                log.exception("bank rail batch failed")
            if taken == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._poll)
        if self._on_stop is not None:
            try:
                await self._on_stop()
            except Exception:
                log.exception("bank rail worker stop hook failed")
        log.info("bank rail worker stopped")
