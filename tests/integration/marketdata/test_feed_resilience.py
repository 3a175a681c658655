"""The feed under strain, over a real two-worker server and Redis: a client that stops
reading is dropped (4008) while a fast one gets everything in order, and numbers continue
across a worker restart."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import struct
from typing import Any

import httpx
import psutil

from tests.integration.marketdata.conftest import FeedServer, receive_until, send
from tests.support.processes import eventually
from usecases.shared.ports.feed import FeedPublication

PAD = "x" * 2000  # big frames fill the slow client's socket buffers sooner
MESSAGES = 8000


def trade(n: int) -> FeedPublication:
    return FeedPublication("trades", "NFLX", {"trade_id": f"t{n}", "symbol": "NFLX", "pad": PAD})


async def test_a_client_that_stops_reading_is_dropped_and_a_fast_one_gets_everything(
    feed_server: FeedServer,
) -> None:
    await asyncio.wait_for(_slow_and_fast(feed_server), 60)


class RawClient:
    """A WebSocket client on a plain socket with a tiny receive buffer: it reads only when
    told to, so the server's writes back up as they would to a stalled phone."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", port))
        self.sock.settimeout(15)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /ws/market-data HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(4096)
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def send(self, message: dict[str, Any]) -> None:
        payload, mask = json.dumps(message).encode(), os.urandom(4)
        assert len(payload) < 126
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)

    def _take(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed without a close frame")
            self.buffer += chunk
        taken, self.buffer = self.buffer[:count], self.buffer[count:]
        return taken

    def close_code(self) -> tuple[int, str]:
        """Read everything the server sent, up to its close frame: (code, reason)."""
        while True:
            first, second = self._take(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._take(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._take(8))[0]
            payload = self._take(length)
            if first & 0x0F == 0x8:
                return struct.unpack("!H", payload[:2])[0], payload[2:].decode()


async def _slow_and_fast(feed_server: FeedServer) -> None:
    subscribe = {"type": "subscribe", "channels": ["trades"], "symbols": ["NFLX"]}
    slow = RawClient(feed_server.live.port)
    slow.send(subscribe)
    async with feed_server.client() as fast:
        await send(fast, subscribe)
        start = (await receive_until(fast, "subscribed"))["sequences"]["trades:NFLX"]
        got: list[int] = []

        async def read_fast() -> None:
            while len(got) < MESSAGES:
                frame = await receive_until(fast, "trades", within=20)
                got.append(frame["sequence"])

        reader = asyncio.create_task(read_fast())
        for first in range(0, MESSAGES, 50):
            await feed_server.bus.publish([trade(n) for n in range(first, first + 50)])
            await asyncio.sleep(0.01)
        await reader
        assert got == list(range(start + 1, start + MESSAGES + 1))  # all, in order, once
    # The slow one reads at last: what was in flight, then its goodbye.
    assert await asyncio.to_thread(slow.close_code) == (4008, "slow_consumer")
    slow.sock.close()


async def _healthy(server: FeedServer) -> bool:
    try:
        async with httpx.AsyncClient() as http:
            return (await http.get(f"{server.http}/healthz", timeout=1)).status_code == 200
    except httpx.TransportError:
        return False


async def test_numbers_continue_across_a_worker_restart(feed_server: FeedServer) -> None:
    subscribe = {"type": "subscribe", "channels": ["trades"], "symbols": ["GOOGL"]}
    publish = feed_server.bus.publish

    def trades(count: int) -> list[FeedPublication]:
        return [FeedPublication("trades", "GOOGL", {"n": n}) for n in range(count)]

    async with feed_server.client() as ws:
        await send(ws, subscribe)
        await receive_until(ws, "subscribed")
        before = await publish(trades(3))
        assert [(await receive_until(ws, "trades"))["sequence"] for _ in before] == before

    workers = psutil.Process(feed_server.live.process.pid).children()
    assert len(workers) >= 2
    for worker in workers:  # every worker dies at once; the supervisor starts new ones
        os.kill(worker.pid, signal.SIGKILL)
    await eventually(
        lambda: _healthy(feed_server), within=60, what="workers restarted", log=feed_server.live.log
    )

    async def subscribed() -> Any:
        async with feed_server.client() as again:
            await send(again, subscribe)
            frame = await receive_until(again, "subscribed")
            after = await publish(trades(2))
            got = [(await receive_until(again, "trades"))["sequence"] for _ in after]
            return frame, after, got

    frame, after, got = await subscribed()
    assert frame["sequences"]["trades:GOOGL"] == before[-1]  # the new worker knows where it was
    assert after == got == [before[-1] + 1, before[-1] + 2]
