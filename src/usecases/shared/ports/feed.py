"""The live feed port: sequenced messages on (channel, key) streams, fanned out to listeners.

A stream is one kind of message about one thing: ``("trades", "AAPL")``, ``("level2",
"AAPL")``, ``("orders", "<user id>")``. The bus, not the publisher, numbers each stream's
messages 1, 2, 3... atomically, so a number survives the restart of any publisher or
listener process (with Redis: for as long as Redis keeps the stream's counter) and a listener
that sees 7 after 5 knows it missed 6.

A publication may carry ``state``: the stream's whole current value (the book's top levels,
the ticker, the open candle), stored by the bus as the stream's latest with the same number,
and delivered to listeners with the message. A listener that joins late asks ``latest`` and
then applies the messages numbered after it.

Publishing never waits for listeners: a listener that cannot keep up loses messages (and sees
the gap in the numbers), the publisher does not slow down."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol

JsonObject = Mapping[str, Any]  # JSON-ready: str, int, bool, None, lists and objects of them


@dataclass(frozen=True, slots=True)
class FeedPublication:
    channel: str  # a lower-case word: "trades", "level2", "ticker", "candles", "orders"
    key: str  # what the stream is about: a symbol, a symbol and interval, a user id
    data: JsonObject  # the message (money and quantities as decimal strings)
    state: JsonObject | None = None  # the stream's whole value after this message, if any


@dataclass(frozen=True, slots=True)
class FeedMessage:
    channel: str
    key: str
    sequence: int  # 1, 2, 3... per (channel, key)
    data: JsonObject
    state: JsonObject | None = None


@dataclass(frozen=True, slots=True)
class FeedLatest:
    sequence: int  # the number of the last message published on the stream
    state: JsonObject | None  # the state stored with the last message that carried one


class FeedBus(Protocol):
    async def publish(self, publications: Sequence[FeedPublication]) -> list[int]:
        """Number and deliver each publication in order (one round trip for all); returns
        the numbers given. Stores the ``state`` of those that carry one."""
        ...

    async def latest(self, channel: str, key: str) -> FeedLatest | None:
        """The stream's last number and stored state; None when nothing was ever published."""
        ...

    def listen(self) -> AbstractAsyncContextManager[AsyncIterator[FeedMessage]]:
        """Every message of every stream published from now on, in each stream's order (one
        subscription however many streams: a process fans out to its own clients)."""
        ...
