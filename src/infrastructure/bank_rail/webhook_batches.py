"""The sandbox rail's settlement events sent in batches, as rails that deliver settlement files
do: an event that is due waits for others until its batch is full (``size`` events) or
``linger`` seconds passed since the batch's first event, then the batch goes as one signed
request (``send_batch``; a batch of one as a single event, ``send``). At most ``in_flight``
batches are out at once: while they are, due events gather into the next (fuller) batch, instead
of a busy webhook being sent many small batches that time out and are sent again. Each event's
delivery ends when its batch was answered, so a graceful stop still waits for it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Protocol


class BatchSender(Protocol):
    async def send(self, event: dict[str, Any]) -> int: ...

    async def send_batch(self, events: list[dict[str, Any]]) -> int: ...


class WebhookBatches:
    def __init__(
        self, sender: BatchSender, *, size: int, linger: float, in_flight: int = 4
    ) -> None:
        if size < 2:
            raise ValueError("a batch holds at least two events")
        self._sender = sender
        self._size = size
        self._linger = linger
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._full = asyncio.Event()  # set: send the waiting events now
        self._at_once = False
        self._flusher: asyncio.Task[None] | None = None
        self._sends: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(in_flight)

    async def deliver(self, event: dict[str, Any]) -> None:
        """Returns once the event's batch was sent (raises what sending it raised)."""
        loop = asyncio.get_running_loop()
        sent: asyncio.Future[None] = loop.create_future()
        self._waiting.append((event, sent))
        if len(self._waiting) >= self._size:
            self._full.set()
        if self._flusher is None or self._flusher.done():
            self._flusher = loop.create_task(self._flush())
        await sent

    def at_once(self) -> None:
        """From now on, send what waits without lingering (a graceful stop)."""
        self._at_once = True
        self._full.set()

    def cancel(self) -> None:
        """Give up on the batches still being sent (a stop that waited long enough)."""
        for task in list(self._sends):
            task.cancel()

    async def _flush(self) -> None:
        while self._waiting:
            if len(self._waiting) < self._size and not self._at_once:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._full.wait(), timeout=self._linger)
            await self._slots.acquire()  # events keep gathering while the batches are out
            if not self._at_once:
                self._full.clear()
            batch, self._waiting = self._waiting[: self._size], self._waiting[self._size :]
            if len(self._waiting) >= self._size:
                self._full.set()
            task = asyncio.get_running_loop().create_task(self._send(batch))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)

    async def _send(self, batch: list[tuple[dict[str, Any], asyncio.Future[None]]]) -> None:
        events = [event for event, _ in batch]
        try:
            await self._deliver(events)
        except Exception as exc:
            for _, sent in batch:
                if not sent.done():
                    sent.set_exception(exc)
        else:
            for _, sent in batch:
                if not sent.done():
                    sent.set_result(None)
        finally:
            self._slots.release()

    async def _deliver(self, events: list[dict[str, Any]]) -> None:
        if len(events) == 1:
            await self._sender.send(events[0])
        else:
            await self._sender.send_batch(events)
