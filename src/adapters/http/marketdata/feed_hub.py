"""The WebSocket feed's hub, one per API worker: ONE ``feed.listen()`` fanned out to this
worker's clients, each message encoded once however many clients get it.

- Every client is sent each stream's messages in order, each at most once (``sent``: the
  last number it got); a number that does not follow the client's last is a gap.
- level2: a client gets a snapshot on subscribing (the bus's stored state or the hub's copy,
  whichever is newer), then deltas each naming the number it follows (``previous``). A reset
  from the publisher, or a gap (the hub or the client missed a message), sends a fresh
  snapshot from the hub's copy instead of the delta.
- Heartbeats every few seconds carry each subscribed stream's last number, and re-check each
  signed-in client's token: an expired, logged-out or revoked one ends the private channel.
- The listed symbols are read once and again every ``symbols_refresh_seconds`` (and at once,
  at most every second, when a client names one not seen yet)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from adapters.http.marketdata.feed_config import FeedConfig
from adapters.http.marketdata.feed_connection import FeedConnection, Stream
from adapters.http.marketdata.feed_protocol import (
    AUTH_REQUIRED,
    CLOSE_AUTH_FAILED,
    PRIVATE_CHANNELS,
    SUBSCRIPTION_LIMIT,
    SYMBOLS_UNAVAILABLE,
    UNKNOWN_SYMBOL,
    USER_MISMATCH,
    ProtocolError,
    Subscription,
    book_frame,
    data_frame,
    encode,
    error_frame,
    stream_name,
)
from adapters.http.marketdata.feed_slots import ConnectionSlots
from adapters.http.websocket_frames import text_frame
from domain.shared.actor import Actor
from domain.shared.errors import DomainError
from usecases.identity.public.authenticator import Authenticator, RequestOrigin
from usecases.shared.ports.feed import FeedBus, FeedLatest, FeedMessage
from usecases.trading.public.listings import Listings

log = logging.getLogger("meridian.marketdata.feed")

RETRY_LISTEN_SECONDS = 1.0
EAGER_REFRESH_SECONDS = 1.0


class FeedHub:
    def __init__(
        self,
        feed: FeedBus,
        symbols: Listings,
        authenticator: Authenticator,
        slots: ConnectionSlots,
        config: FeedConfig,
    ) -> None:
        self.config = config
        self._feed = feed
        self._listed = symbols
        self._authenticator = authenticator
        self._slots = slots
        self._subscribers: dict[Stream, set[FeedConnection]] = {}
        self._last: dict[Stream, int] = {}  # the last number this worker saw of each stream
        self._books: dict[str, tuple[int, Mapping[str, Any]]] = {}  # level2 state by symbol
        self._connections: set[FeedConnection] = set()
        self._symbols: frozenset[str] = frozenset()
        self._symbols_at: float | None = None
        self._symbols_lock = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self._listening = asyncio.Event()
        self._lookups: dict[Stream, asyncio.Future[FeedLatest | None]] = {}
        self.listen_failures = 0

    # --- lifetime ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the one subscription and the heartbeats (once; the first client does)."""
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._listen(), name="feed-hub-listen"),
                asyncio.create_task(self._beat(), name="feed-hub-heartbeat"),
            ]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), timeout=5.0)

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        for connection in list(self._connections):
            await connection.stop()

    @property
    def clients(self) -> int:
        return len(self._connections)

    def join(self, connection: FeedConnection) -> None:
        self._connections.add(connection)

    async def leave(self, connection: FeedConnection) -> None:
        self._connections.discard(connection)
        for stream in connection.sent:
            self._unregister(stream, connection)
        connection.sent.clear()
        if connection.slot is not None:
            await self._slots.release(connection.slot)
            connection.slot = None

    # --- the one subscription ----------------------------------------------------------------

    async def _listen(self) -> None:
        while True:
            try:
                async with self._feed.listen() as messages:
                    self._listening.set()
                    async for message in messages:
                        self.dispatch(message)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.listen_failures += 1
                log.warning("feed subscription lost; subscribing again", exc_info=True)
                await asyncio.sleep(RETRY_LISTEN_SECONDS)

    def dispatch(self, message: FeedMessage) -> None:
        """Fan one message out to this worker's subscribers of its stream (no awaiting)."""
        stream = (message.channel, message.key)
        last = self._last.get(stream, 0)
        self._last[stream] = message.sequence
        subscribers = self._subscribers.get(stream)
        if message.sequence <= last and subscribers:  # the bus's counter started again
            for connection in subscribers:
                connection.sent[stream] = 0
        if message.channel == "level2":
            self._book(message, subscribers or ())
            return
        if not subscribers:
            return
        frame: str | None = None
        wire = b""
        sequence = message.sequence
        for connection in subscribers:
            sent = connection.sent
            if sent.get(stream, 0) < sequence:
                sent[stream] = sequence
                if frame is None:  # encoded and framed once for every client
                    frame = data_frame(*stream, sequence, message.data)
                    wire = text_frame(frame)
                connection.offer(frame, wire)

    def _book(self, message: FeedMessage, subscribers: Sequence[FeedConnection] | set[Any]) -> None:
        symbol, sequence, data = message.key, message.sequence, message.data
        reset = bool(data.get("reset"))
        book = message.state if message.state is not None else (data if reset else None)
        if book is not None:
            self._books[symbol] = (sequence, book)
        delta: str | None = None
        snapshot: str | None = None
        delta_wire = snapshot_wire = b""
        stream = ("level2", symbol)
        for connection in subscribers:
            sent = connection.sent.get(stream, 0)
            if sequence <= sent:
                continue
            if (not reset and sent == sequence - 1) or book is None:
                # the delta; with a gap and no state to recover from, the client sees the gap
                if delta is None:
                    delta = book_frame(symbol, sequence, data, previous=sequence - 1)
                    delta_wire = text_frame(delta)
                connection.offer(delta, delta_wire)
            else:
                if snapshot is None:
                    snapshot = book_frame(symbol, sequence, book)
                    snapshot_wire = text_frame(snapshot)
                connection.offer(snapshot, snapshot_wire)
            connection.sent[stream] = sequence

    # --- a client's requests -----------------------------------------------------------------

    async def authenticate(
        self, connection: FeedConnection, token: str, origin: RequestOrigin
    ) -> Actor:
        """The client's actor; raises ``DomainError`` (the authenticator's refusal) or
        ``ProtocolError``; None slot = the user holds every connection allowed."""
        actor = await self._authenticator.from_bearer(token, origin)
        if actor.user_id is None:
            raise ProtocolError(AUTH_REQUIRED, "a user's access token is required")
        if connection.actor is not None and connection.actor.user_id != actor.user_id:
            raise ProtocolError(USER_MISMATCH, "this connection is signed in as another user")
        if connection.slot is None:
            connection.slot = await self._slots.claim(str(actor.user_id))
            if connection.slot is None:
                raise TooManyConnections()
        connection.actor, connection.token = actor, token
        return actor

    async def subscribe(self, connection: FeedConnection, request: Subscription) -> None:
        streams = await self._streams(connection, request)
        if not request.add:
            for stream in streams:
                if connection.sent.pop(stream, None) is not None:
                    self._unregister(stream, connection)
            connection.offer(self._confirmation("unsubscribed", request, connection, streams))
            return
        new = [s for s in streams if s not in connection.sent]
        if len(connection.sent) + len(new) > self.config.max_subscriptions:
            raise ProtocolError(
                SUBSCRIPTION_LIMIT,
                f"a connection follows at most {self.config.max_subscriptions} streams "
                f"({len(connection.sent)} now, {len(new)} more asked)",
                limit=self.config.max_subscriptions,
            )
        latest = await asyncio.gather(*(self._latest(stream) for stream in new))
        # From here to the end nothing awaits: the snapshot and the next message fan-out
        # cannot interleave.
        first: list[str] = []
        for stream, found in zip(new, latest, strict=True):
            first += self._join_stream(connection, stream, found)
        connection.offer(self._confirmation("subscribed", request, connection, streams))
        for frame in first:
            connection.offer(frame)

    async def _latest(self, stream: Stream) -> FeedLatest | None:
        """The bus's latest of ``stream``, ONE lookup shared by every client subscribing to it
        meanwhile (a thousand clients connecting at once are one read, not a thousand
        connections asked of the bus's pool)."""
        lookup = self._lookups.get(stream)
        if lookup is None:
            lookup = asyncio.ensure_future(self._feed.latest(*stream))
            self._lookups[stream] = lookup
            lookup.add_done_callback(lambda _: self._lookups.pop(stream, None))
        return await asyncio.shield(lookup)

    def _join_stream(
        self, connection: FeedConnection, stream: Stream, found: FeedLatest | None
    ) -> list[str]:
        channel, key = stream
        sequence = max(found.sequence if found else 0, self._last.get(stream, 0))
        self._subscribers.setdefault(stream, set()).add(connection)
        connection.sent[stream] = sequence
        if channel == "level2":
            book = self._books.get(key)
            newer = found is not None and (book is None or found.sequence > book[0])
            if found is not None and found.state is not None and newer:
                book = (found.sequence, found.state)
            if book is None:
                book = (0, {"symbol": key, "bids": [], "asks": [], "checksum": 0, "time": None})
            connection.sent[stream] = book[0]
            return [book_frame(key, book[0], book[1])]
        if found is not None and found.state is not None and channel in ("ticker", "candles"):
            connection.sent[stream] = found.sequence
            return [data_frame(channel, key, found.sequence, found.state)]
        return []

    def _unregister(self, stream: Stream, connection: FeedConnection) -> None:
        subscribers = self._subscribers.get(stream)
        if subscribers is not None:
            subscribers.discard(connection)
            if not subscribers:
                del self._subscribers[stream]

    async def _streams(self, connection: FeedConnection, request: Subscription) -> list[Stream]:
        public = [c for c in request.channels if c not in PRIVATE_CHANNELS]
        if request.add:
            if public and connection.actor is None and not self.config.public:
                raise ProtocolError(AUTH_REQUIRED, "authenticate first: send an auth message")
            if "orders" in request.channels and connection.user_id is None:
                raise ProtocolError(
                    AUTH_REQUIRED, "the orders channel is private: authenticate first"
                )
            if public:
                unknown = await self._unknown(request.symbols)
                if unknown:
                    raise ProtocolError(
                        UNKNOWN_SYMBOL,
                        f"no listed instrument has the symbol {', '.join(unknown)}",
                        symbols=unknown,
                    )
        streams: list[Stream] = []
        for channel in request.channels:
            if channel in PRIVATE_CHANNELS:
                if connection.user_id is not None:
                    streams.append((channel, connection.user_id))
            elif channel == "candles":
                streams += [
                    (channel, f"{s}:{i}") for s in request.symbols for i in request.intervals
                ]
            else:
                streams += [(channel, s) for s in request.symbols]
        return list(dict.fromkeys(streams))

    def _confirmation(
        self, kind: str, request: Subscription, connection: FeedConnection, streams: list[Stream]
    ) -> str:
        frame: dict[str, Any] = {
            "type": kind,
            "channels": list(request.channels),
            "symbols": list(request.symbols),
        }
        if "candles" in request.channels:
            frame["intervals"] = list(request.intervals)
        if kind == "subscribed":
            frame["sequences"] = {
                stream_name(*s): connection.sent[s] for s in streams if s in connection.sent
            }
        return encode(frame)

    async def _unknown(self, symbols: Sequence[str]) -> list[str]:
        known = await self._symbols_now(force=False)
        unknown = [s for s in symbols if s not in known]
        if unknown and (
            self._symbols_at is None or time.monotonic() - self._symbols_at > EAGER_REFRESH_SECONDS
        ):
            known = await self._symbols_now(force=True)
            unknown = [s for s in symbols if s not in known]
        return unknown

    async def _symbols_now(self, *, force: bool) -> frozenset[str]:
        async with self._symbols_lock:
            at = self._symbols_at
            stale = at is None or time.monotonic() - at > self.config.symbols_refresh_seconds
            if force or stale:
                try:
                    self._symbols = await self._listed.symbols()
                    self._symbols_at = time.monotonic()
                except Exception:
                    log.warning("the listed symbols could not be read", exc_info=True)
                    if at is None:
                        raise ProtocolError(
                            SYMBOLS_UNAVAILABLE, "the listed symbols cannot be read: try again"
                        ) from None
            return self._symbols

    # --- heartbeats --------------------------------------------------------------------------

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.config.heartbeat_seconds)
            try:
                await self.heartbeat()
            except Exception:
                log.exception("feed heartbeat failed")

    async def heartbeat(self) -> None:
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        signed_in: list[FeedConnection] = []
        for connection in list(self._connections):
            sequences = {
                stream_name(*s): max(sent, self._last.get(s, 0))
                for s, sent in connection.sent.items()
            }
            connection.offer(encode({"type": "heartbeat", "time": now, "sequences": sequences}))
            if connection.token is not None:
                signed_in.append(connection)
        await asyncio.gather(*(self._recheck(c) for c in signed_in))

    async def _recheck(self, connection: FeedConnection) -> None:
        """The token still valid (not expired, logged out or revoked), or the private channel
        ends: its streams are dropped and the client told why."""
        token, actor = connection.token, connection.actor
        if token is None or actor is None:
            return
        origin = RequestOrigin(ip=actor.ip, user_agent=actor.user_agent, request_id=None)
        try:
            await self._authenticator.from_bearer(token, origin)
        except DomainError as refused:
            if connection.token != token:  # signed in again meanwhile
                return
            await self.end_private(connection, refused.error_code, refused.detail)
            return
        if connection.slot:
            await self._slots.refresh(connection.slot)

    async def end_private(self, connection: FeedConnection, code: str, detail: str) -> None:
        for stream in [s for s in connection.sent if s[0] in PRIVATE_CHANNELS]:
            del connection.sent[stream]
            self._unregister(stream, connection)
        connection.actor, connection.token = None, None
        connection.offer(
            error_frame(code, f"{detail} The private channel ended: authenticate again.")
        )
        if not self.config.public:
            connection.close(CLOSE_AUTH_FAILED, "auth_failed")
        if connection.slot is not None:
            slot, connection.slot = connection.slot, None
            await self._slots.release(slot)


class TooManyConnections(Exception):
    """The user already holds every connection allowed."""
