"""A real SMTP server on a loopback port (aiosmtpd) that records what it receives and can be
told to refuse, to stall, to accept, or to accept and hold its "250 OK" (the receiver has the
message, the sender does not know yet: the window in which a crash duplicates a message)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class SmtpSink:
    host: str = "127.0.0.1"
    port: int = 0
    received: list[EmailMessage] = field(default_factory=list)
    refuse_next: int = 0  # answer the next N messages with a temporary failure (451)
    reject_permanently: bool = False  # answer 550
    stall: threading.Event | None = None  # hold DATA until this is set
    hold_replies_after: int | None = None  # keep messages past this many, hold their reply
    release: threading.Event = field(default_factory=threading.Event)  # ...until this is set
    held: int = 0  # replies held so far
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.stall is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.stall.wait, 30)
        with self._lock:
            if self.reject_permanently:
                return "550 mailbox unavailable"
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return "451 try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            self.received.append(message)
            hold = self.hold_replies_after is not None and (
                len(self.received) > self.hold_replies_after
            )
            self.held += hold
        if hold:
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if m["To"] == address]

    def ids(self) -> list[str]:
        return [str(m["X-Meridian-Message-Id"]) for m in self.received]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        if sink.stall is not None:
            sink.stall.set()
        sink.release.set()
        controller.stop()
