"""In-process pub/sub for single-process mode."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

QUEUE_SIZE = 1000


class _MemorySubscription:
    def __init__(self, queue: asyncio.Queue[bytes]) -> None:
        self._queue = queue

    async def messages(self) -> AsyncIterator[bytes]:
        while True:
            yield await self._queue.get()


class MemoryPubSub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[bytes]]] = defaultdict(set)

    async def publish(self, channel: str, message: bytes) -> int:
        delivered = 0
        for queue in list(self._subscribers.get(channel, ())):
            if queue.full():  # a slow consumer loses its oldest message, not the publisher
                queue.get_nowait()
            queue.put_nowait(message)
            delivered += 1
        return delivered

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[_MemorySubscription]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._subscribers[channel].add(queue)
        try:
            yield _MemorySubscription(queue)
        finally:
            self._subscribers[channel].discard(queue)
            if not self._subscribers[channel]:
                del self._subscribers[channel]
