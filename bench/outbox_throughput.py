"""Outbox throughput: messages/s delivered to a local SMTP sink by 1 and by 2 worker processes.

    .venv/bin/python bench/outbox_throughput.py --messages 2000 --workers 1 2

Uses DATABASE_URL's server (else the embedded one) with a scratch database it drops at the
end; the SMTP sink (aiosmtpd) runs in this process on a loopback port and accepts everything.
Each round queues the messages first, then starts `meridian worker` processes and times from
the first to the last message received (worker start-up excluded), and end to end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.shared.notification import Category, Channel, Notification, Recipient  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from tests.support.databases import drop_database, recreate_database, truncate_all  # noqa: E402
from tests.support.outbox import TEST_TEMPLATES  # noqa: E402
from tests.support.smtp import free_port  # noqa: E402


class CountingSink:
    def __init__(self) -> None:
        self.count = 0
        self.first: float | None = None
        self.last: float | None = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            now = time.perf_counter()
            self.first = self.first or now
            self.last = now
            self.count += 1
        return "250 OK"


async def queue(settings: Settings, url: str, n: int) -> None:
    container = build_container(settings, url)
    try:
        await truncate_all(container.engine)
        for start in range(0, n, 500):
            async with container.unit_of_work(require_audit=False) as uow:
                for i in range(start, min(n, start + 500)):
                    await uow.notifier.notify(
                        Notification(
                            template="test.hello",
                            category=Category.ORDERS,
                            recipient=Recipient(email=f"user{i}@bench.test"),
                            channels=frozenset({Channel.EMAIL}),
                            variables={"name": f"User {i}", "order": f"B-{i}"},
                        )
                    )
                await uow.commit()
    finally:
        await container.aclose()


def run_round(
    url: str, port: int, sink: CountingSink, n: int, workers: int, batch: int
) -> dict[str, float]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_STARTTLS": "false",
        "NOTIFICATION_TEMPLATES_DIR": str(TEST_TEMPLATES),
        "OUTBOX_POLL_SECONDS": "0.05",
        "OUTBOX_BATCH_SIZE": str(batch),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    sink.count, sink.first, sink.last = 0, None, None
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "infrastructure.cli.main", "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    deadline = started + 300
    try:
        while sink.count < n and time.perf_counter() < deadline:
            time.sleep(0.05)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(timeout=30)
    if sink.count < n:
        raise SystemExit(f"only {sink.count}/{n} delivered within 300 s")
    assert sink.first is not None
    assert sink.last is not None
    steady = sink.last - sink.first
    return {
        "workers": workers,
        "messages": n,
        "steady_msgs_per_s": n / steady if steady else float("inf"),
        "end_to_end_s": sink.last - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=50, help="OUTBOX_BATCH_SIZE per worker")
    args = parser.parse_args()

    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, "meridian_bench_outbox"))
    migrations.upgrade(url)
    settings = Settings(_env_file=None, database_url=url)
    sink, port = CountingSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        for workers in args.workers:
            asyncio.run(queue(settings, url, args.messages))
            r = run_round(url, port, sink, args.messages, workers, args.batch)
            print(
                f"workers={r['workers']} messages={r['messages']} "
                f"steady={r['steady_msgs_per_s']:.0f} msg/s end_to_end={r['end_to_end_s']:.1f} s"
            )
    finally:
        controller.stop()
        asyncio.run(drop_database(server, "meridian_bench_outbox"))


if __name__ == "__main__":
    main()
