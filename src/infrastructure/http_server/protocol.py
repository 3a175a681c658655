"""uvicorn's httptools protocol with the two limits it lacks (docs/operations.md#server-limits):

- the request line and headers of one request may take at most ``HTTP_MAX_HEADER_BYTES``:
  beyond, the client gets 431 problem+json and the connection is closed (uvicorn's own
  ``h11_max_incomplete_event_size`` only applies to its slower h11 parser);
- a request the parser refuses (a control byte in a header, a broken request line) gets
  400 ``invalid_http_request`` problem+json, not uvicorn's plain text;
- a request must arrive within ``HTTP_READ_TIMEOUT_SECONDS``: its head from its first byte
  (or from the connection), then each part of its body from the one before. Beyond, a client
  that started a request gets 408 problem+json and the connection is closed; an idle new
  connection is just closed. Between requests uvicorn's keep-alive timeout applies.

So a slow or malformed client (a 1 MiB header, a Content-Length its body never reaches, a
header sent byte by byte) holds a connection for seconds, not for ever."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from infrastructure.config.settings import Settings

PATH = "infrastructure.http_server.protocol:LimitedHttpToolsProtocol"
REASONS = {400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large"}


@dataclass(frozen=True, slots=True)
class ServerLimits:
    max_header_bytes: int
    read_timeout_seconds: float


@lru_cache(maxsize=1)
def server_limits() -> ServerLimits:
    """From the environment (``meridian serve`` starts its worker processes with it)."""
    settings = Settings()
    return ServerLimits(settings.http_max_header_bytes, settings.http_read_timeout_seconds)


class HeaderTooLarge(Exception):
    """Raised inside a parser callback: stops parsing the request."""


def problem_bytes(status: int, code: str, detail: str) -> bytes:
    title = REASONS[status]
    body = json.dumps(
        {
            "type": f"urn:meridian:problem:{code}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": "",
            "code": code,
            "request_id": None,
            "errors": [],
        },
        separators=(",", ":"),
    ).encode()
    head = (
        f"HTTP/1.1 {status} {title}\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode()
    return head + body


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = server_limits()
        self._max_header_bytes = limits.max_header_bytes
        self._read_timeout = limits.read_timeout_seconds
        self._header_bytes = 0
        self._in_request = False
        self._refused = False
        self._read_timer: asyncio.TimerHandle | None = None

    # the connection
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._refused:
            super().data_received(data)

    def handle_websocket_upgrade(self) -> None:
        self._disarm()  # a WebSocket lives on its own protocol: no read timeout
        super().handle_websocket_upgrade()

    def send_400_response(self, msg: str) -> None:
        """What the parser refused (bad bytes in a header, a broken request line, a path that
        is not ASCII): problem+json, as the app would answer, instead of uvicorn's text."""
        if not self._refused:  # else the 431 is already on its way
            self._refuse(
                400, "invalid_http_request", "The request is not valid HTTP/1.1 and was not read."
            )

    # parser callbacks
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        self._in_request = True
        self._arm()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm()  # the body, if any, must follow

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._arm()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_request = False
        self._disarm()

    # limits
    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self._max_header_bytes and not self._refused:
            self._refuse(
                431,
                "request_header_too_large",
                f"The request line and headers exceed {self._max_header_bytes} bytes.",
            )
            raise HeaderTooLarge()

    def _arm(self) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(self._read_timeout, self._timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        answering = self.cycle is not None and self.cycle.response_started
        if self._in_request and not answering:
            self._refuse(
                408,
                "request_timeout",
                f"The request did not arrive within {self._read_timeout:g} s.",
            )
        else:
            self.transport.close()

    def _refuse(self, status: int, code: str, detail: str) -> None:
        self._refused = True
        self._disarm()
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False
        self.transport.write(problem_bytes(status, code, detail))
        self.transport.close()
