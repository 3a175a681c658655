"""The matcher of this process: instruments spread over ``partitions`` by a stable hash of
their id, each partition owned by at most one process at a time (a PostgreSQL advisory lock,
taken when the partition is first used and held until shutdown).

A request for a partition another process owns goes to that owner through the ``route``
(Redis, when the app has it: ``infrastructure/trading/routing.py``) and this process serves
the forwarded requests of the partitions it owns. Without a route (single-process mode) such
a request answers ``matcher_unavailable`` (503). A partition found owned elsewhere is tried
again after ``RETRY_OWNERSHIP_SECONDS``, so when its owner dies another process takes it over
(and serves what was forwarded to it meanwhile). Its owners hand what their batches committed
to the ``publisher`` (the live feed), which closes with the matcher.

A matcher that does not ``take`` partitions (the API and worker processes when dedicated
``meridian matcher`` processes match) forwards every request through the route. A dedicated
matcher ``hold``s its partitions: it takes each at once if free, and tries again every
``RETRY_OWNERSHIP_SECONDS`` for those another process holds, so a standby takes over a
partition whose owner died."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from collections.abc import Callable, Collection
from typing import Any
from uuid import UUID

from domain.shared.clock import Clock
from domain.trading.errors import MatcherUnavailable
from usecases.trading.config import TradingConfig
from usecases.trading.matcher.feed_publisher import FeedPublisher
from usecases.trading.matcher.live_book import LiveBook
from usecases.trading.matcher.owner import PartitionOwner
from usecases.trading.matcher.requests import Request
from usecases.trading.ports import MatcherRoute, PartitionLocks, TradingUnitOfWork

RETRY_OWNERSHIP_SECONDS = 2.0
log = logging.getLogger("meridian.trading.matcher")


def partition_of(instrument_id: UUID, partitions: int) -> int:
    return zlib.crc32(instrument_id.bytes) % partitions


class Matcher:
    def __init__(
        self,
        uow_factory: Callable[[], TradingUnitOfWork],
        locks: PartitionLocks,
        clock: Clock,
        config: TradingConfig,
        route: MatcherRoute | None = None,
        publisher: FeedPublisher | None = None,
        *,
        takes: bool = True,
    ) -> None:
        self._uow_factory = uow_factory
        self._takes = takes
        self._holding: asyncio.Task[None] | None = None
        self._locks = locks
        self._clock = clock
        self._config = config
        self._route = route
        self.publisher = publisher
        self._owners: dict[int, PartitionOwner] = {}
        self._elsewhere: dict[int, float] = {}  # partition: when it was found owned elsewhere
        self._guard = asyncio.Lock()
        self._closed = False

    async def submit(self, instrument_id: UUID, request: Request) -> Any:
        partition = partition_of(instrument_id, self._config.partitions)
        owner = await self._owner(partition) if self._takes else None
        if owner is not None:
            return await owner.submit(instrument_id, request)
        if self._route is None:
            raise MatcherUnavailable(
                f"another process owns order-book partition {partition}; retry on it"
            )
        return await self._route.forward(partition, instrument_id, request)

    async def _owner(self, partition: int) -> PartitionOwner | None:
        """This process's owner of the partition, taking the partition when it is free; None
        while another process owns it."""
        owner = self._owners.get(partition)
        if owner is not None:
            return owner
        now = asyncio.get_running_loop().time()
        seen = self._elsewhere.get(partition)
        if seen is not None and now - seen < RETRY_OWNERSHIP_SECONDS:
            return None
        async with self._guard:
            owner = self._owners.get(partition)
            if owner is not None:
                return owner
            if self._closed:
                raise MatcherUnavailable("the matcher is shutting down")
            lock = await self._locks.try_acquire(partition)
            if lock is None:
                self._elsewhere[partition] = now
                return None
            self._elsewhere.pop(partition, None)
            owner = PartitionOwner(
                partition, lock, self._uow_factory, self._clock, self._config, self.publisher
            )
            if self._route is not None:
                owner.routed = self._route.serve(partition, owner.submit)
            self._owners[partition] = owner
            return owner

    def hold(self, partitions: Collection[int]) -> None:
        """Own these partitions from now on: each taken at once if free, the others tried
        again every ``RETRY_OWNERSHIP_SECONDS`` until shutdown (a standby's takeover)."""
        wanted = sorted(set(partitions))
        for partition in wanted:
            if not 0 <= partition < self._config.partitions:
                raise ValueError(
                    f"partition {partition} is not one of 0-{self._config.partitions - 1}"
                )
        self._holding = asyncio.create_task(self._hold(wanted), name="trading-hold")

    async def _hold(self, partitions: list[int]) -> None:
        while True:
            for partition in partitions:
                if partition not in self._owners:
                    self._elsewhere.pop(partition, None)
                    try:
                        await self._owner(partition)
                    except MatcherUnavailable:  # shutting down
                        return
                    except Exception:
                        log.exception("taking order-book partition %s failed", partition)
            await asyncio.sleep(RETRY_OWNERSHIP_SECONDS)

    @property
    def owned(self) -> list[int]:
        """The partitions this process owns now."""
        return sorted(self._owners)

    def book(self, instrument_id: UUID) -> LiveBook | None:
        """The live book, if this process has it loaded (for the tests and the rebuild check)."""
        owner = self._owners.get(partition_of(instrument_id, self._config.partitions))
        return None if owner is None else owner.books.get(instrument_id)

    @property
    def batches(self) -> int:
        return sum(o.batches for o in self._owners.values())

    @property
    def failed(self) -> int:
        """Batch transactions of this process's owners that failed as a whole."""
        return sum(o.failed for o in self._owners.values())

    @property
    def retried(self) -> int:
        """Batches of this process's owners run again whole after a deadlock."""
        return sum(o.retried for o in self._owners.values())

    async def aclose(self) -> None:
        if self._holding is not None:
            self._holding.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._holding
        async with self._guard:
            self._closed = True
            owners, self._owners = list(self._owners.values()), {}
        for owner in owners:
            await owner.aclose()
        if self.publisher is not None:
            await self.publisher.aclose()
