"""The feed bus in one process (single-process mode, unit tests): numbers, latest states and
listeners' queues in memory. A listener whose queue is full loses the newest message (it sees
the gap in the numbers); the publisher never waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from usecases.shared.ports.feed import FeedLatest, FeedMessage, FeedPublication

LISTENER_QUEUE = 10_000


class MemoryFeedBus:
    def __init__(self, queue_size: int = LISTENER_QUEUE) -> None:
        self._queue_size = queue_size
        self._latest: dict[tuple[str, str], FeedLatest] = {}
        self._listeners: set[asyncio.Queue[FeedMessage]] = set()

    async def publish(self, publications: Sequence[FeedPublication]) -> list[int]:
        numbers: list[int] = []
        for publication in publications:
            stream = (publication.channel, publication.key)
            previous = self._latest.get(stream)
            sequence = (previous.sequence if previous else 0) + 1
            state = publication.state if publication.state is not None else None
            kept = state if state is not None else (previous.state if previous else None)
            self._latest[stream] = FeedLatest(sequence, kept)
            message = FeedMessage(*stream, sequence, publication.data, publication.state)
            for queue in self._listeners:
                if not queue.full():
                    queue.put_nowait(message)
            numbers.append(sequence)
        return numbers

    async def latest(self, channel: str, key: str) -> FeedLatest | None:
        return self._latest.get((channel, key))

    @asynccontextmanager
    async def listen(self) -> AsyncIterator[AsyncIterator[FeedMessage]]:
        queue: asyncio.Queue[FeedMessage] = asyncio.Queue(maxsize=self._queue_size)
        self._listeners.add(queue)

        async def messages() -> AsyncIterator[FeedMessage]:
            while True:
                yield await queue.get()

        try:
            yield messages()
        finally:
            self._listeners.discard(queue)
