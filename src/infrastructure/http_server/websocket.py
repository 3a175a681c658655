"""uvicorn's sans-I/O ``websockets`` protocol with one addition: the ASGI scope extension
``meridian.websocket.direct`` (``adapters.http.websocket_frames``), with which the live feed
writes a message framed once straight to the socket of each client that is keeping up, instead
of a task wake-up and an ASGI ``send`` per client per message.

It is offered only on a connection that negotiated no WebSocket extension (a client asking for
per-message compression gets its frames compressed through ASGI as before)."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from adapters.http.websocket_frames import DIRECT_FRAMES

PATH = "infrastructure.http_server.websocket:DirectWebSocketProtocol"


class DirectWebSocketProtocol(WebSocketsSansIOProtocol):
    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        if self.response.status_code == 101 and not self.conn.extensions:
            self.scope["extensions"][DIRECT_FRAMES] = self  # type: ignore[assignment]

    def write_frame(self, frame: bytes) -> bool:
        if (
            not self.handshake_complete
            or self.close_sent
            or self.disconnected
            or not self.writable.is_set()  # the transport's buffer is above its high mark
            or self.transport.is_closing()
        ):
            return False
        self.transport.write(frame)
        return True
