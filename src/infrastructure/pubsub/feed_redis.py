"""The feed bus on Redis: one pub/sub channel per stream, numbered by Redis itself.

A stream ``(channel, key)`` is published on the Redis channel ``{namespace}:md:{channel}:{key}``
(``meridian:md:trades:AAPL``, ``meridian:md:candles:AAPL:1m``); its counter is the key
``{namespace}:md:seq:{channel}:{key}`` and its latest state ``{namespace}:md:state:...``. One
``publish`` call is ONE ``EVALSHA``: for each publication in order the script INCRs the counter,
SETs the state when the publication carries one, and PUBLISHes, so numbers, states and
deliveries can never disagree, whichever process publishes. The counters outlive every process
(they carry no expiry), so numbers continue after any restart.

The wire format is small: ``{sequence}\\n{data JSON}\\n{state JSON or nothing}``.

``listen`` is ONE pattern subscription (``{namespace}:md:*``) on its own connection, however
many streams: a process fans out to its own clients. A listener that reads too slowly is cut
off by Redis's output-buffer limit; the gap shows in the numbers when it subscribes again."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Final

from redis.asyncio import Redis
from redis.exceptions import NoScriptError

from usecases.shared.ports.feed import FeedLatest, FeedMessage, FeedPublication

# KEYS: counter and state key of each publication; ARGV: its channel, data, state ('' = none).
PUBLISH_SCRIPT: Final = """
local numbers = {}
for i = 1, #KEYS / 2 do
  local sequence = redis.call('INCR', KEYS[2 * i - 1])
  local state = ARGV[3 * i]
  if state ~= '' then
    redis.call('SET', KEYS[2 * i], state)
  end
  redis.call('PUBLISH', ARGV[3 * i - 2], sequence .. '\\n' .. ARGV[3 * i - 1] .. '\\n' .. state)
  numbers[i] = sequence
end
return numbers
"""


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def decode_message(channel: str, key: str, payload: bytes) -> FeedMessage:
    """A message as the script published it."""
    sequence, data, state = payload.decode().split("\n", 2)
    stored = json.loads(state) if state else None
    return FeedMessage(channel, key, int(sequence), json.loads(data), stored)


class RedisFeedBus:
    def __init__(self, client: Redis, namespace: str = "meridian") -> None:
        self._redis = client
        self._prefix = f"{namespace}:md:"
        self._sha: str | None = None

    def _stream(self, channel: str, key: str) -> str:
        return f"{channel}:{key}"

    async def publish(self, publications: Sequence[FeedPublication]) -> list[int]:
        if not publications:
            return []
        keys: list[str] = []
        args: list[str] = []
        for publication in publications:
            stream = self._stream(publication.channel, publication.key)
            keys += [f"{self._prefix}seq:{stream}", f"{self._prefix}state:{stream}"]
            state = "" if publication.state is None else _json(publication.state)
            args += [f"{self._prefix}{stream}", _json(publication.data), state]
        if self._sha is None:
            self._sha = str(await self._redis.script_load(PUBLISH_SCRIPT))
        try:
            numbers = await self._redis.evalsha(self._sha, len(keys), *keys, *args)
        except NoScriptError:  # Redis restarted (or SCRIPT FLUSH): load it again
            self._sha = str(await self._redis.script_load(PUBLISH_SCRIPT))
            numbers = await self._redis.evalsha(self._sha, len(keys), *keys, *args)
        return [int(n) for n in numbers]

    async def latest(self, channel: str, key: str) -> FeedLatest | None:
        stream = self._stream(channel, key)
        sequence, state = await self._redis.mget(
            f"{self._prefix}seq:{stream}", f"{self._prefix}state:{stream}"
        )
        if sequence is None:
            return None
        return FeedLatest(int(sequence), json.loads(state) if state is not None else None)

    @asynccontextmanager
    async def listen(self) -> AsyncIterator[AsyncIterator[FeedMessage]]:
        prefix = self._prefix
        pattern = f"{prefix}*"
        async with self._redis.pubsub() as pubsub:
            await pubsub.psubscribe(pattern)
            while True:  # subscribed once Redis confirms: "from now on" holds on return
                confirmed = await pubsub.get_message(timeout=5.0)
                if confirmed is not None and confirmed.get("type") == "psubscribe":
                    break

            async def messages() -> AsyncIterator[FeedMessage]:
                async for message in pubsub.listen():
                    if message.get("type") != "pmessage":
                        continue
                    name = message["channel"]
                    name = name.decode() if isinstance(name, bytes) else str(name)
                    channel, _, key = name.removeprefix(prefix).partition(":")
                    yield decode_message(channel, key, message["data"])

            try:
                yield messages()
            finally:
                await pubsub.punsubscribe(pattern)
