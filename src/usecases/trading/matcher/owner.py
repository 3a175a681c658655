"""The single writer of one partition's books: an asyncio task that takes everything queued
(waiting up to the batch window for more), runs it as ONE transaction, and only after the
commit answers each waiting request (group commit: one commit for the whole batch, however
many orders, trades and postings it holds). What a committed batch did is then handed to the
feed publisher, if the matcher has one, without waiting for it; a batch that did not commit
publishes nothing.

Before any request runs, the batch locks every ledger account it may touch at once, in
account-id order (``Batch.lock_accounts``), so two partitions settling trades of the same
accounts queue instead of deadlocking.

If a batch fails as a whole, the partition's books are thrown away (rebuilt from the database
on next use); a deadlock or serialization failure runs the batch again once, whole (a warning,
no traceback); otherwise its requests run again one a transaction, so one request that breaks
fails alone. An answer is never given for something that did not commit."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.shared.clock import Clock
from domain.shared.errors import Conflict, DomainError
from domain.trading.errors import InstrumentNotFound
from usecases.trading.config import TradingConfig
from usecases.trading.matcher.batch import Batch
from usecases.trading.matcher.feed_messages import Committed
from usecases.trading.matcher.feed_publisher import FeedPublisher
from usecases.trading.matcher.live_book import LiveBook
from usecases.trading.matcher.requests import Amend, Cancel, Expire, Look, Place, Request
from usecases.trading.ports import PartitionLock, RoutedRequests, TradingUnitOfWork

log = logging.getLogger("meridian.trading.matcher")


@dataclass(slots=True)
class Pending:
    instrument_id: UUID
    request: Request
    answer: asyncio.Future[Any]


def _concurrent(failure: BaseException) -> bool:
    """Whether the batch failed on a deadlock or a serialization failure (worth one more go:
    the unit of work turns either into ``concurrent_update``, under whatever wrapped it)."""
    seen: BaseException | None = failure
    while seen is not None:
        if isinstance(seen, Conflict) and seen.error_code == "concurrent_update":
            return True
        seen = seen.__cause__
    return False


class _Refused(Exception):
    def __init__(self, error: DomainError) -> None:
        self.error = error


class PartitionOwner:
    def __init__(
        self,
        partition: int,
        lock: PartitionLock,
        uow_factory: Callable[[], TradingUnitOfWork],
        clock: Clock,
        config: TradingConfig,
        publisher: FeedPublisher | None = None,
    ) -> None:
        self.partition = partition
        self._lock = lock
        self._uow_factory = uow_factory
        self._clock = clock
        self._config = config
        self._publisher = publisher
        self._queue: asyncio.Queue[Pending] = asyncio.Queue()
        self.books: dict[UUID, LiveBook] = {}
        self._rebuilt: set[UUID] = set()  # books built from the database, not yet published
        # ledger account ids by (owner, kind, asset): stable once committed, so kept across
        # batches, and dropped with the books when a batch fails (it may have opened some)
        self._accounts: dict[Any, Any] = {}
        self.batches = 0  # committed batches (for the benchmark and the tests)
        self.failed = 0  # batch transactions that failed as a whole (each then run again)
        self.retried = 0  # batches run again whole after a deadlock or serialization failure
        self.routed: RoutedRequests | None = None  # serving other processes' requests
        self._task = asyncio.create_task(self._run(), name=f"trading-partition-{partition}")

    async def submit(self, instrument_id: UUID, request: Request) -> Any:
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(Pending(instrument_id, request, answer))
        return await answer

    async def aclose(self) -> None:
        if self.routed is not None:
            await self.routed.stop()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self._lock.release()

    # --- the loop -------------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            await self._gather(batch)
            try:
                await self._process(batch)
            except Exception:  # never let the owner die: fail what is waiting, go on
                log.exception("trading batch failed", extra={"partition": self.partition})
                self.books.clear()
                self._accounts.clear()
                for pending in batch:
                    if not pending.answer.done():
                        pending.answer.set_exception(RuntimeError("the batch failed"))

    async def _gather(self, batch: list[Pending]) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._config.batch_window.total_seconds()
        while len(batch) < self._config.max_batch:
            try:
                batch.append(self._queue.get_nowait())
                continue
            except asyncio.QueueEmpty:
                pass
            left = deadline - loop.time()
            if left <= 0:
                return
            try:
                batch.append(await asyncio.wait_for(self._queue.get(), left))
            except TimeoutError:
                return

    async def _process(self, batch: list[Pending], *, again: bool = False) -> None:
        try:
            outcomes, run = await self._transaction(batch)
        except Exception as failure:
            self.failed += 1
            self.books.clear()  # the book must never be ahead of the database
            self._accounts.clear()
            if _concurrent(failure) and not again:  # a deadlock, a serialization failure
                self.retried += 1
                log.warning(
                    "trading batch run again after a concurrent update",
                    extra={"partition": self.partition, "size": len(batch)},
                )
                await self._process(batch, again=True)
                return
            if len(batch) == 1:
                log.exception("trading request failed", extra={"partition": self.partition})
                if not batch[0].answer.done():
                    batch[0].answer.set_exception(failure)
                return
            log.warning(
                "trading batch retried one by one",
                extra={
                    "partition": self.partition,
                    "size": len(batch),
                    "error": type(failure).__name__,
                },
            )
            for pending in batch:
                await self._process([pending])
            return
        self.batches += 1
        for pending, outcome in zip(batch, outcomes, strict=True):
            if pending.answer.done():
                continue
            if isinstance(outcome, _Refused):
                pending.answer.set_exception(outcome.error)
            else:
                pending.answer.set_result(outcome)
        if self._publisher is not None and run.audited:
            self._publish(run)

    def _publish(self, run: Batch) -> None:
        """The committed batch to the feed publisher: no await, so the books are exactly as
        this batch left them; nothing here may fail the batch, which has committed."""
        assert self._publisher is not None
        try:
            self._publisher.committed(Committed.of(run, self._rebuilt))
        except Exception:
            log.exception("live feed: a committed batch was not handed over")
        self._rebuilt.difference_update(run.touched)

    async def _transaction(self, batch: list[Pending]) -> tuple[list[Any], Batch]:
        outcomes: list[Any] = []
        async with self._uow_factory() as uow:
            run = Batch.open(uow, self._config, self._clock.now(), self._accounts)
            await run.load_client_order_ids([p.request for p in batch])
            await run.lock_accounts([(await self._known(uow, p), p.request) for p in batch])
            for pending in batch:
                try:
                    live = await self._book(uow, pending.instrument_id)
                    if isinstance(pending.request, Amend):  # it re-holds before the book
                        async with uow.savepoint():
                            outcomes.append(await self._step(run, live, pending.request))
                    else:  # refused before anything is written (see Batch)
                        outcomes.append(await self._step(run, live, pending.request))
                except DomainError as refused:  # that request only: nothing of it was written
                    outcomes.append(_Refused(refused))
            await run.journal()
        return outcomes, run

    async def _known(self, uow: TradingUnitOfWork, pending: Pending) -> LiveBook | None:
        """The request's book, None for an unknown instrument (refused when it runs)."""
        try:
            return await self._book(uow, pending.instrument_id)
        except InstrumentNotFound:
            return None

    async def _book(self, uow: TradingUnitOfWork, instrument_id: UUID) -> LiveBook:
        live = self.books.get(instrument_id)
        if live is None:
            instrument = await uow.instruments.get(instrument_id)
            if instrument is None:
                raise InstrumentNotFound(str(instrument_id))
            live = await LiveBook.rebuild(uow, instrument)
            self.books[instrument_id] = live
            self._rebuilt.add(instrument_id)
        return live

    @staticmethod
    async def _step(run: Batch, live: LiveBook, request: Request) -> Any:
        if isinstance(request, Place):
            return await run.place(live, request)
        if isinstance(request, Cancel):
            return await run.cancel(live, request)
        if isinstance(request, Amend):
            return await run.amend(live, request)
        if isinstance(request, Expire):
            return await run.expire(live, request)
        if isinstance(request, Look):
            return run.look(live, request)
        raise TypeError(f"unknown request {request!r}")
