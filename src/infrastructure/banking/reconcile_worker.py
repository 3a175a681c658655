"""The reconciliation loop: every ``BANK_RAIL_RECONCILE_EVERY_SECONDS``, ask the rail about the
instructions it accepted whose webhook never came (``reconcile_rail_instructions``). Runs next
to the submitting loop (``meridian worker``, or the embedded worker)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from usecases.banking.reconcile_rail_instructions import (
    ReconcileRailInstructions,
    ReconcileRailInstructionsHandler,
)

log = logging.getLogger("meridian.worker.bank_rail")


class ReconcileWorker:
    def __init__(self, handler: ReconcileRailInstructionsHandler, *, every_seconds: float) -> None:
        self._handler = handler
        self._every = every_seconds

    async def run_once(self) -> int:
        return await self._handler.execute(ReconcileRailInstructions())

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            asked = 0
            try:
                asked = await self.run_once()
            except Exception:  # the loop outlives any one failure (database restart, ...)
                log.exception("bank rail reconciliation failed")
            if asked == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._every)
