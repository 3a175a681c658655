"""Pub/sub port: fan-out of live messages (prices, notifications) to subscribers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Protocol


class Subscription(Protocol):
    def messages(self) -> AsyncIterator[bytes]: ...


class PubSub(Protocol):
    async def publish(self, channel: str, message: bytes) -> int:
        """Deliver to current subscribers; returns how many received it (best effort)."""
        ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[Subscription]: ...
