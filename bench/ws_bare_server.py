"""The machine's limit for the fan-out benchmark: a bare broadcast server on the same WebSocket
library uvicorn serves our feed with (``websockets``), and no application code. Each of
``--processes`` processes shares the port (SO_REUSEPORT, as uvicorn's workers share theirs),
generates ``--rate`` ticks a second itself and broadcasts each, encoded once, to its own
clients, in the frame shape (and compact JSON) of our ticker so a client parses the same bytes.

    .venv/bin/python bench/ws_bare_server.py --port 8765 --processes 2 --rate 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import signal
import time

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

CLIENTS: set[ServerConnection] = set()


async def handler(connection: ServerConnection) -> None:
    CLIENTS.add(connection)
    try:
        async for _ in connection:  # the subscribe frame, ignored
            pass
    except ConnectionClosed:  # a benchmark client leaves without a close frame
        pass
    finally:
        CLIENTS.discard(connection)


async def ticks(rate: float) -> None:
    """On a fixed schedule (tick k at start + k/rate), so a slow broadcast does not lower the
    rate: every process offers exactly ``rate`` ticks a second to each of its clients."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    sequence = 0
    while True:
        sequence += 1
        await asyncio.sleep(max(0.0, start + sequence / rate - loop.time()))
        frame = json.dumps(
            {
                "type": "ticker",
                "sequence": sequence,
                "symbol": "AAPL",
                "data": {"symbol": "AAPL", "last": "187.25", "sent_at": time.time()},
            },
            separators=(",", ":"),
        )
        broadcast(CLIENTS, frame)


async def main(port: int, rate: float) -> None:
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with serve(handler, "127.0.0.1", port, reuse_port=True, max_queue=16, ping_interval=None):
        task = asyncio.create_task(ticks(rate))
        await stop
        task.cancel()


def run(port: int, rate: float) -> None:
    asyncio.run(main(port, rate))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    children = [
        multiprocessing.Process(target=run, args=(args.port, args.rate))
        for _ in range(args.processes)
    ]
    for child in children:
        child.start()

    def stop(*_: object) -> None:
        for child in children:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    for child in children:
        child.join()
