"""Writing a WebSocket frame straight to a client's socket, the way ``websockets.broadcast`` does:
an ASGI server extension, ``meridian.websocket.direct`` in a WebSocket's scope, offered by our
uvicorn protocol (``infrastructure.http_server.websocket``) on connections that negotiated no
WebSocket extension (no per-message compression: every client's frame is the same bytes).

A server frame is not masked, so one message is framed ONCE and the same bytes are written to
every client that is not already behind; the rest go through their queue and the ASGI
``send``, as without the extension."""

from __future__ import annotations

import struct
from typing import Final, Protocol

DIRECT_FRAMES: Final = "meridian.websocket.direct"


class DirectFrames(Protocol):
    def write_frame(self, frame: bytes) -> bool:
        """Write ``frame`` (a whole WebSocket frame) now; False when it cannot be written now
        (the socket's buffer is full, or the connection is closing): send it through ASGI."""
        ...


def text_frame(text: str) -> bytes:
    """One unmasked, final text frame (RFC 6455 section 5.2) holding ``text``."""
    payload = text.encode()
    length = len(payload)
    if length < 126:
        return bytes((0x81, length)) + payload
    if length < 65_536:
        return struct.pack("!BBH", 0x81, 126, length) + payload
    return struct.pack("!BBQ", 0x81, 127, length) + payload
