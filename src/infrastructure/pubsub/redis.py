"""Redis pub/sub: one connection per subscription, channels under the namespace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.client import PubSub as RedisClientPubSub


class _RedisSubscription:
    def __init__(self, pubsub: RedisClientPubSub) -> None:
        self._pubsub = pubsub

    async def messages(self) -> AsyncIterator[bytes]:
        async for message in self._pubsub.listen():
            if message.get("type") == "message":
                yield bytes(message["data"])


class RedisPubSub:
    def __init__(self, client: Redis, namespace: str = "meridian") -> None:
        self._redis = client
        self._namespace = namespace

    def _channel(self, channel: str) -> str:
        return f"{self._namespace}:{channel}"

    async def publish(self, channel: str, message: bytes) -> int:
        return int(await self._redis.publish(self._channel(channel), message))

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[_RedisSubscription]:
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(self._channel(channel))
            try:
                yield _RedisSubscription(pubsub)
            finally:
                await pubsub.unsubscribe(self._channel(channel))
