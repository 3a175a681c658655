"""The matcher's voice on the live feed: what each committed batch did, published by a task
of its own so that the matcher never waits for the feed (docs/market-data.md, "What trading
publishes").

The owner hands over each committed batch with ``committed`` (no await, no I/O: one put on a
bounded queue). The task takes them in commit order and publishes each batch's messages with
ONE ``FeedBus.publish``: its trades, a ``level2`` message per book whose top changed (the
levels that changed since this process last published the book, or the whole top on a
reset), and each changed order and fill on its owner's ``orders`` stream.

When the queue is full the batch is dropped, counted and logged once until the queue has room
again, and each of its books is marked for a reset. A publish that fails or does not answer
within ``timeout`` is logged (its error's type only) and its books are marked for a reset
too. Neither ever reaches the matcher."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from domain.trading.depth import Depth, changes
from usecases.shared.ports.feed import FeedBus, FeedPublication
from usecases.trading.matcher import feed_messages as messages
from usecases.trading.matcher.feed_messages import Committed

log = logging.getLogger("meridian.trading.feed")

QUEUE_SIZE = 1024  # committed batches waiting to be published
PUBLISH_TIMEOUT = 5.0  # seconds a publish may take before it counts as failed
CLOSE_WAIT = 2.0  # seconds the close gives what is queued before it stops the task


class FeedPublisher:
    def __init__(
        self,
        feed: FeedBus,
        queue_size: int = QUEUE_SIZE,
        timeout: float = PUBLISH_TIMEOUT,
    ) -> None:
        self._feed = feed
        self._timeout = timeout
        self._queue: asyncio.Queue[Committed | None] = asyncio.Queue(maxsize=queue_size)
        self._task: asyncio.Task[None] | None = None
        self._published: dict[str, Depth] = {}  # symbol: the top this process last published
        self._resets: set[str] = set()  # symbols whose next level2 is a reset
        self._overflowing = False
        self.published = 0  # batches published (for the tests and the benchmark)
        self.dropped = 0  # batches dropped on a full queue
        self.failed = 0  # publishes that failed or timed out

    def committed(self, batch: Committed) -> None:
        """Queue a committed batch for publishing; never waits."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self._drain(), name="trading-feed-publisher"
            )
        try:
            self._queue.put_nowait(batch)
            self._overflowing = False
        except asyncio.QueueFull:
            self.dropped += 1
            self._resets.update(book.instrument.symbol for book in batch.books)
            if not self._overflowing:
                self._overflowing = True
                log.warning("live feed behind: committed batches dropped, their books reset")

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(None)  # publish what is queued, then stop
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(task), CLOSE_WAIT)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    # --- the task -------------------------------------------------------------------------
    async def _drain(self) -> None:
        while True:
            batch = await self._queue.get()
            if batch is None:
                return
            try:
                publications = self._publications(batch)
            except Exception:  # a bug here loses this batch's messages, never the task
                log.exception("live feed: a committed batch could not be written")
                self._forget(batch)
                continue
            if not publications:
                continue
            try:
                await asyncio.wait_for(self._feed.publish(publications), self._timeout)
                self.published += 1
            except Exception as failure:
                self.failed += 1
                log.warning(
                    "live feed publish failed",
                    extra={"error": type(failure).__name__, "publications": len(publications)},
                )
                self._forget(batch)

    def _forget(self, batch: Committed) -> None:
        """What the bus did with these books is not known: their next level2 is a reset."""
        for book in batch.books:
            self._published.pop(book.instrument.symbol, None)

    def _publications(self, batch: Committed) -> list[FeedPublication]:
        instruments = batch.instruments()
        published = messages.trades(batch, instruments)
        for book in batch.books:
            symbol = book.instrument.symbol
            whole = Depth.priced(book.top, book.instrument)
            last = self._published.get(symbol)
            reset = last is None or book.rebuilt or symbol in self._resets
            self._resets.discard(symbol)
            sent = whole if reset or last is None else changes(last, whole)
            if not reset and sent.empty:
                continue  # the top 25 levels did not change
            self._published[symbol] = whole
            published.append(messages.level2(symbol, sent, whole, reset, batch.time))
        published += messages.orders(batch, instruments)
        return published
