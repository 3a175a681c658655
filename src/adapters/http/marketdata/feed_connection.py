"""One client of the WebSocket feed: its bounded send queue drained by its own task, what it
subscribed to and the last number it was sent of each stream.

The hub never waits for a client: it offers a frame (already encoded, shared by every client
that gets it) and moves on. When the server offers direct frames
(``adapters.http.websocket_frames``) and the client is keeping up (nothing queued, nothing
being sent, its socket taking more), the frame is written to its socket at once; otherwise it
waits in the queue for the client's task. A client whose queue is full has fallen behind: it
is closed with 4008 ``slow_consumer`` and its queue dropped, while the others keep
receiving."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.websockets import WebSocket, WebSocketState

from adapters.http.marketdata.feed_protocol import CLOSE_SLOW_CONSUMER, SLOW_CONSUMER
from adapters.http.websocket_frames import DIRECT_FRAMES, DirectFrames, text_frame
from domain.shared.actor import Actor

log = logging.getLogger("meridian.marketdata.feed")

CLOSE_WAIT_SECONDS = 2.0
ABANDON_AFTER_SECONDS = 10.0  # a closed client still not reading is dropped without a goodbye

Stream = tuple[str, str]  # (channel, key)


class FeedConnection:
    __slots__ = (
        "_busy",
        "_close",
        "_closing",
        "_direct",
        "_queue",
        "_sender",
        "actor",
        "closed",
        "sent",
        "slot",
        "token",
        "websocket",
    )

    def __init__(self, websocket: WebSocket, queue_size: int) -> None:
        self.websocket = websocket
        self.actor: Actor | None = None
        self.token: str | None = None
        self.slot: str | None = None  # the connections-per-user slot it holds
        # Each subscribed stream → the number of the last message it was sent (0: none yet).
        self.sent: dict[Stream, int] = {}
        self.closed = asyncio.Event()
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=queue_size)
        self._sender: asyncio.Task[None] | None = None
        self._close: tuple[int, str] | None = None
        self._closing: asyncio.Task[None] | None = None
        extensions = websocket.scope.get("extensions") or {}
        self._direct: DirectFrames | None = extensions.get(DIRECT_FRAMES)
        self._busy = False  # the sender holds a frame it has not finished sending

    @property
    def user_id(self) -> str | None:
        if self.actor is None or self.actor.user_id is None:
            return None
        return str(self.actor.user_id)

    def start(self) -> None:
        self._sender = asyncio.create_task(self._send_all(), name="feed-client-sender")

    def offer(self, frame: str, wire: bytes | None = None) -> bool:
        """Send ``frame`` now if the client keeps up (``wire``: the same frame as WebSocket
        bytes, framed once for every client), else queue it; a client that cannot take it is
        closed as a slow consumer."""
        if self._close is not None:
            return False
        direct = self._direct
        if (
            direct is not None
            and not self._busy
            and self._queue.empty()
            and direct.write_frame(wire or text_frame(frame))
        ):
            return True
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            self.close(CLOSE_SLOW_CONSUMER, SLOW_CONSUMER)
            return False
        return True

    def close(self, code: int, reason: str) -> None:
        """Close after what is already being written (a slow consumer: its queue is dropped)."""
        if self._close is not None:
            return
        self._close = (code, reason)
        if code == CLOSE_SLOW_CONSUMER:
            log.info("feed client too slow, closed", extra={"user_id": self.user_id})
            while not self._queue.empty():
                self._queue.get_nowait()
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(None)
        loop = asyncio.get_running_loop()
        if self._sender is None or self._sender.done():
            self._closing = loop.create_task(self._send_close())
        else:  # a client that reads nothing more never gets the close frame: give up on it
            loop.call_later(ABANDON_AFTER_SECONDS, self._abandon)

    def _abandon(self) -> None:
        if not self.closed.is_set():
            if self._sender is not None:
                self._sender.cancel()
            self.closed.set()

    async def _send_all(self) -> None:
        try:
            while (frame := await self._queue.get()) is not None:
                self._busy = True
                await self.websocket.send_text(frame)
                self._busy = False
        except Exception:  # the client went away: nothing more to send
            self._close = self._close or (1006, "")
        await self._send_close()

    async def _send_close(self) -> None:
        if self._close is not None and self.websocket.client_state is WebSocketState.CONNECTED:
            code, reason = self._close
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.websocket.close(code, reason), CLOSE_WAIT_SECONDS)
        self.closed.set()

    async def stop(self) -> None:
        """The client is gone (or the server stops): end the sender."""
        self._close = self._close or (1000, "")
        if self._sender is not None and not self._sender.done():
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._sender
        self.closed.set()
