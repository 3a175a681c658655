"""Fan-out of the live feed: N WebSocket clients on one symbol, ``--rate`` ticks a second, our
``/ws/market-data`` on 2 uvicorn workers with Redis next to a bare broadcast server on the same
WebSocket library (``bench/ws_bare_server.py``, no application code: the machine's limit), in
one run, interleaved (bare, ours, bare, ours... for each client count).

    .venv/bin/python bench/ws_fanout.py --clients 2000 10000 --seconds 20 --rounds 2

For each run: messages delivered per second (all clients together), tick-to-client latency
p50/p99 (the publisher stamps each tick with its wall clock; a sample of the clients reads
it), the server processes' resident memory per connection (RSS after connecting minus before,
over N), and how many clients did not connect or were dropped. Ours runs on a scratch
database (DATABASE_URL's server) and REDIS_URL (default redis://127.0.0.1:6379/9); the ticks
go through the real feed bus (``RedisFeedBus``) from a publisher in this process.

Clients run in ``--client-processes`` processes (2 by default) beside the servers on the same
2 cores: the figure is what this machine delivers, the ratio to the bare server is the cost of
our code."""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import multiprocessing
import os
import signal
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from infrastructure.database import migrations  # noqa: E402
from infrastructure.http_server.protocol import PATH as HTTP_PROTOCOL  # noqa: E402
from infrastructure.http_server.websocket import PATH as WEBSOCKET_PROTOCOL  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from tests.support.live_server import free_port, start_process, uvicorn_command  # noqa: E402

DATABASE = "meridian_bench_fanout"
NAMESPACE = "meridian_bench_fanout"  # REDIS_NAMESPACE of the server and of the publisher
SYMBOL = "AAPL"
SAMPLE_EVERY = 20  # one client in 20 parses every frame for its latency
CONNECT_CONCURRENCY = 200
# A delivery is a ticker frame (both servers write compact JSON, the type first): the
# subscribe answer, the current value sent on subscribing (before the window) and heartbeats
# are not counted.
TICKER = b'{"type":"ticker"'


# --- the clients ------------------------------------------------------------------------------
class _Client(asyncio.Protocol):
    """A minimal WebSocket client (RFC 6455): the upgrade, one masked text frame out, then
    unmasked server frames parsed in place, so the load generator costs far less than the
    servers it measures (a full client library spent more CPU than the bare server)."""

    def __init__(
        self, path: str, sample: bool, start: float, end: float, out: dict[str, Any]
    ) -> None:
        self.path, self.sample, self.start, self.end, self.out = path, sample, start, end, out
        self.buffer = bytearray()
        self.upgraded = asyncio.get_running_loop().create_future()
        self.closed = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None
        self.tickers = 0  # ticker frames received in the window
        self.first: list[bytes] = []  # the first frames' beginnings (why a client is silent)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write(
            f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )

    def send_text(self, text: str, opcode: int = 0x1) -> None:
        payload = text.encode("latin-1")
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        length = len(payload)
        head = (
            bytes([0x80 | opcode, 0x80 | length])
            if length < 126
            else bytes([0x80 | opcode, 0xFE]) + struct.pack("!H", length)
        )
        assert self.transport is not None
        self.transport.write(head + mask + masked)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded.done():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self.buffer.startswith(b"HTTP/1.1 101"):
                self.upgraded.set_exception(
                    ConnectionError(bytes(self.buffer[:40]).decode(errors="replace"))
                )
                return
            del self.buffer[: end + 4]
            self.upgraded.set_result(None)
        self._frames()

    def _frames(self) -> None:
        buffer = self.buffer
        now = time.time()
        while len(buffer) >= 2:
            opcode = buffer[0] & 0x0F
            length = buffer[1] & 0x7F
            offset = 2
            if length == 126:
                if len(buffer) < 4:
                    return
                length = struct.unpack_from("!H", buffer, 2)[0]
                offset = 4
            elif length == 127:
                if len(buffer) < 10:
                    return
                length = struct.unpack_from("!Q", buffer, 2)[0]
                offset = 10
            if len(buffer) < offset + length:
                return
            if len(self.first) < 3:
                self.first.append(bytes(buffer[offset : offset + min(length, 60)]))
            if opcode == 0x9:  # a ping (uvicorn's keepalive): the pong, or it closes with 1011
                self.send_text(bytes(buffer[offset : offset + length]).decode("latin-1"), 0xA)
            if opcode == 0x8 and self.transport is not None:  # close
                code = struct.unpack_from("!H", buffer, offset)[0] if length >= 2 else 1005
                self.out["close_codes"][code] = self.out["close_codes"].get(code, 0) + 1
                self.transport.close()
            elif (
                opcode == 0x1 and self.start <= now < self.end and buffer.startswith(TICKER, offset)
            ):
                self.out["messages"] += 1
                self.tickers += 1
                if self.sample:
                    payload = bytes(buffer[offset : offset + length])
                    sent = (json.loads(payload).get("data") or {}).get("sent_at")
                    if sent is not None:
                        self.out["latencies"].append(now - float(sent))
            del buffer[: offset + length]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.upgraded.done():
            self.upgraded.set_exception(ConnectionError("closed before the upgrade"))
        if not self.closed.done():
            self.closed.set_result(None)


async def _client(
    url: str, index: int, start: float, end: float, out: dict[str, Any], ready: asyncio.Event
) -> None:
    host_port, _, path = url.removeprefix("ws://").partition("/")
    host, _, port = host_port.partition(":")
    loop = asyncio.get_running_loop()
    try:
        transport, client = await loop.create_connection(
            lambda: _Client("/" + path, index % SAMPLE_EVERY == 0, start, end, out), host, int(port)
        )
        await asyncio.wait_for(client.upgraded, 30)
        client.send_text(
            json.dumps({"type": "subscribe", "channels": ["ticker"], "symbols": [SYMBOL]})
        )
        out["connected"] += 1
        ready.set()
    except Exception:
        out["failed"] += 1
        ready.set()
        return
    try:
        await asyncio.wait_for(asyncio.shield(client.closed), max(0.0, end - time.time()))
        out["dropped"] += 1  # the server closed it before the end
    except TimeoutError:
        transport.close()
    if client.tickers == 0:
        out["silent"] += 1  # connected, yet no ticker reached it: not really subscribed
        if len(out["silent_frames"]) < 3:
            out["silent_frames"].append(client.first)


async def _clients(url: str, first: int, count: int, start: float, end: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "connected": 0,
        "messages": 0,
        "failed": 0,
        "dropped": 0,
        "silent": 0,
        "silent_frames": [],
        "close_codes": {},
        "latencies": [],
    }
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    tasks = []

    async def one(index: int) -> None:
        ready = asyncio.Event()
        async with gate:
            task = asyncio.create_task(_client(url, index, start, end, out, ready))
            tasks.append(task)
            await asyncio.wait(
                [task, asyncio.create_task(ready.wait())],
                timeout=30,
                return_when=asyncio.FIRST_COMPLETED,
            )

    await asyncio.gather(*(one(first + i) for i in range(count)))
    await asyncio.wait(tasks, timeout=max(1.0, end - time.time() + 10))
    return out


def _client_process(url: str, first: int, count: int, start: float, end: float, queue: Any) -> None:
    queue.put(asyncio.run(_clients(url, first, count, start, end)))


def drive(url: str, clients: int, processes: int, warmup: float, seconds: float) -> dict[str, Any]:
    """Connect ``clients`` (ramp-up within ``warmup``), then count ``seconds`` of frames."""
    start = time.time() + warmup
    end = start + seconds
    queue: Any = multiprocessing.Queue()
    share = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    children = []
    first = 0
    for count in share:
        child = multiprocessing.Process(
            target=_client_process, args=(url, first, count, start, end, queue)
        )
        child.start()
        children.append(child)
        first += count
    results = [queue.get(timeout=warmup + seconds + 120) for _ in children]
    for child in children:
        child.join(timeout=30)
    merged: dict[str, Any] = {
        "connected": 0,
        "messages": 0,
        "failed": 0,
        "dropped": 0,
        "silent": 0,
        "silent_frames": [],
        "close_codes": {},
        "latencies": [],
    }
    for result in results:
        for key in ("connected", "messages", "failed", "dropped", "silent"):
            merged[key] += result[key]
        merged["latencies"] += result["latencies"]
        merged["silent_frames"] += result["silent_frames"]
        for code, count in result["close_codes"].items():
            merged["close_codes"][code] = merged["close_codes"].get(code, 0) + count
    return merged


# --- the servers ------------------------------------------------------------------------------
def _rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its children, KiB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


class Bare:
    name = "bare"

    def __init__(self, rate: float) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "bench/ws_bare_server.py"),
                "--port",
                str(self.port),
                "--rate",
                str(rate),
            ],
            cwd=ROOT,
        )
        time.sleep(1.5)
        self.url = f"ws://127.0.0.1:{self.port}/"

    async def publishing(self, seconds: float) -> None:  # it ticks itself
        await asyncio.sleep(seconds)

    def close(self) -> None:
        _stop(self.process)


class Ours:
    name = "meridian"

    def __init__(
        self, rate: float, database_url: str, redis_url: str, log: Path, profile: str | None
    ) -> None:
        self.rate = rate
        self.redis_url = redis_url
        self.profile = profile
        self.port = free_port()
        # the HTTP and WebSocket protocols ``meridian serve`` runs with (uvloop underneath)
        workers = "1" if profile else "2"
        command = uvicorn_command(
            self.port, "--workers", workers, "--http", HTTP_PROTOCOL, "--ws", WEBSOCKET_PROTOCOL
        )
        if profile:  # one worker under pyinstrument (give it half the clients: a worker's share)
            command = [command[0], "-m", "pyinstrument", "-o", profile, *command[1:]]
        env = {
            "REDIS_URL": redis_url,
            "REDIS_NAMESPACE": NAMESPACE,
            "MARKET_DATA_PUBLIC_FEED": "true",
        }
        self.process = start_process(command, database_url, self.port, log, env=env)
        self.url = f"ws://127.0.0.1:{self.port}/ws/market-data"

    async def publishing(self, seconds: float) -> None:
        from redis.asyncio import Redis

        from infrastructure.pubsub.feed_redis import RedisFeedBus
        from usecases.shared.ports.feed import FeedPublication

        redis = Redis.from_url(self.redis_url)
        bus = RedisFeedBus(redis, NAMESPACE)
        start = time.monotonic()
        ticks = int(seconds * self.rate)
        try:  # on a fixed schedule (tick k at start + k/rate), as the bare server ticks
            for k in range(1, ticks + 1):
                await asyncio.sleep(max(0.0, start + k / self.rate - time.monotonic()))
                data = {"symbol": SYMBOL, "last": "187.25", "sent_at": time.time()}
                await bus.publish([FeedPublication("ticker", SYMBOL, data, state=data)])
        finally:
            await redis.aclose()

    def close(self) -> None:
        if self.profile:  # SIGINT: uvicorn re-raises it, pyinstrument writes on the interrupt
            self.process.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        _stop(self.process)


def run_one(
    server: Bare | Ours, clients: int, processes: int, warmup: float, seconds: float, rate: float
) -> dict[str, Any]:
    before = _rss_kib(server.process.pid)
    result: dict[str, Any] = {}

    async def go() -> None:
        publisher = asyncio.create_task(server.publishing(warmup + seconds + 2))
        loop = asyncio.get_running_loop()
        drove = loop.run_in_executor(None, drive, server.url, clients, processes, warmup, seconds)
        await asyncio.sleep(warmup + seconds / 2)
        result["rss_kib"] = _rss_kib(server.process.pid)
        result.update(await drove)
        publisher.cancel()

    asyncio.run(go())
    latencies = sorted(result.pop("latencies"))
    if result["close_codes"]:
        print(f"  closed by the server, by close code: {result['close_codes']}", flush=True)
    for frames in result["silent_frames"]:
        print(f"  a silent client's first frames: {frames}", flush=True)
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 100 else [float("nan")] * 99
    return {
        "server": server.name,
        "clients": clients,
        "connected": result["connected"],
        "failed": result["failed"],
        "dropped": result["dropped"],
        "silent": result["silent"],
        "offered_per_s": rate * result["connected"],
        "msgs_per_s": result["messages"] / seconds,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "kib_per_conn": (result["rss_kib"] - before) / max(1, result["connected"]),
        "load": os.getloadavg()[0],
    }


async def _seed(database_url: str) -> None:
    """The instrument catalog (the feed accepts only listed symbols)."""
    from domain.shared.actor import Actor
    from infrastructure.app import create_app
    from infrastructure.config.settings import Settings
    from infrastructure.container import build_container
    from usecases.trading.instruments.seed_instruments import (
        SeedInstruments,
        SeedInstrumentsHandler,
    )

    settings = Settings(database_url=database_url, redis_url=None)
    container = build_container(settings, database_url)
    app = create_app(settings, container=container)
    try:
        handler = app.state.handlers.resolve(SeedInstrumentsHandler)
        await handler.execute(SeedInstruments(actor=Actor.system("bench")))
    finally:
        await container.aclose()


def _line(row: dict[str, Any]) -> str:
    return (
        f"{row['server']:>9} {row['clients']:>6} clients: {row['connected']:>6} connected "
        f"{row['failed']} failed {row['dropped']} dropped {row['silent']} silent | "
        f"{row['msgs_per_s']:>7.0f} msg/s of {row['offered_per_s']:.0f} offered "
        f"p50 {row['p50_ms']:7.1f} ms p99 {row['p99_ms']:7.1f} ms | "
        f"{row['kib_per_conn']:6.1f} KiB/conn | load {row['load']:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--warmup", type=float, default=0, help="seconds to connect every client (0: N/250, >= 20)"
    )
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--only", choices=["bare", "meridian"])
    parser.add_argument("--profile", help="run ours on ONE worker under pyinstrument, to this file")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/meridian")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")
    log = ROOT / "bench/results/ws_fanout_server.log"
    log.parent.mkdir(exist_ok=True)
    rows = []
    database_url = ""
    if args.only != "bare":
        database_url = asyncio.run(recreate_database(base, DATABASE))
        migrations.upgrade(database_url)
        asyncio.run(_seed(database_url))
    try:
        for clients in args.clients:
            for _ in range(args.rounds):
                for kind in ("bare", "meridian"):
                    if args.only and kind != args.only:
                        continue
                    server: Bare | Ours = (
                        Bare(args.rate)
                        if kind == "bare"
                        else Ours(args.rate, database_url, redis_url, log, args.profile)
                    )
                    try:
                        warmup = args.warmup or max(20.0, clients / 250)
                        row = run_one(
                            server, clients, args.client_processes, warmup, args.seconds, args.rate
                        )
                    finally:
                        server.close()
                    rows.append(row)
                    print(_line(row), flush=True)
    finally:
        if args.only != "bare":
            asyncio.run(drop_database(base, DATABASE))
    for clients in args.clients:
        bare = [r["msgs_per_s"] for r in rows if r["server"] == "bare" and r["clients"] == clients]
        ours = [
            r["msgs_per_s"] for r in rows if r["server"] == "meridian" and r["clients"] == clients
        ]
        if bare and ours:
            ratio = statistics.median(ours) / statistics.median(bare)
            print(f"{clients} clients: ours / bare delivered messages = {ratio:.2f}")


if __name__ == "__main__":
    main()
