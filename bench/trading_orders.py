"""End to end: acknowledged orders per second over HTTP against a real server (uvicorn, one
worker: the matcher runs in-process and owns every partition), each order durably committed
by the matcher's group commit before its 201, next to ``pgbench -N`` (simple-update TPC-B,
one commit per transaction) on the same PostgreSQL in the same run.

    .venv/bin/python bench/trading_orders.py --seconds 20 --concurrency 64 [--symbols 5]
        [--workers 2 --redis redis://127.0.0.1:6379/4]
        [--matchers in_process,dedicated --rounds 3]

``--matchers`` lists where the matching runs, one measurement each per round, their order
alternating from round to round (interleaved): ``in_process`` (the API workers match, as
they do by default), ``dedicated`` (``TRADING_MATCHERS=dedicated``: the API workers forward
every order through Redis to one ``meridian matcher --partitions any`` process; needs
``--redis``). Each measurement is followed by a ``pgbench -N`` run of the same length and
client count. ``--profile DIR`` runs the dedicated matcher under cProfile and writes
``DIR/matcher-<round>.prof`` (and with ``--workers 1`` the API, ``DIR/api-matcher-<round>.prof``).

On a scratch database it drops at the end (DATABASE_URL's server or the embedded one): eight
buyers with USD and eight sellers with SOL, all KYC-verified (registered in-process through
the API), then (``--workers`` uvicorn workers, with Redis so that each forwards to the
partition's owner when it is another) ``--concurrency`` clients place crossing limit orders
around the reference price of the first ``--symbols`` crypto pairs (SOL-USD first; every
order is a real hold, most trade and settle in the ledger) for ``--seconds``. Prints
orders/s, p50/p99/max of the acknowledged ones, how many were refused, and pgbench's
transactions/s with the same client count."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from infrastructure.app import create_app  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from tests.api.banking.conftest import kyc_level  # noqa: E402
from tests.api.trading.conftest import Trading  # noqa: E402
from tests.support.accounts import Account, Accounts  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from tests.support.live_server import free_port, start_process, uvicorn_command  # noqa: E402

DATABASE = "meridian_bench_trading"
PGBENCH = "meridian_bench_pgbench"


CRYPTO = {  # symbol: (reference ticks, tick, lot, ledger places)
    "SOL-USD": (15000, Decimal("0.01"), Decimal("0.01"), 2),
    "ETH-USD": (250000, Decimal("0.01"), Decimal("0.001"), 3),
    "BTC-USD": (6000000, Decimal("0.01"), Decimal("0.0001"), 4),
    "DOT-USD": (4500, Decimal("0.001"), Decimal("0.1"), 1),
    "ADA-USD": (3500, Decimal("0.0001"), Decimal("1"), 0),
}


async def prepare(url: str, symbols: list[str]) -> tuple[list[Account], list[Account]]:
    settings = Settings(
        _env_file=None,
        database_url=url,
        embedded_worker=False,
        log_level="WARNING",
        auth_rate_limit_per_ip=10**6,
        auth_rate_limit_per_account=10**6,
    )
    container = build_container(settings, url)
    app = create_app(settings, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        accounts = Accounts(client, container)
        trading = Trading(app, client, container, accounts)
        await trading.seed()
        buyers, sellers = [], []
        for n in range(16):
            who = await accounts.register()
            await kyc_level(client, who, 2)
            if n % 2:
                for symbol in symbols:
                    await trading.give(who, symbol, "1000000", places=CRYPTO[symbol][3])
                sellers.append(who)
            else:
                await trading.fund(who, "100000000.00")
                buyers.append(who)
    await container.aclose()
    return buyers, sellers


async def load(
    port: int,
    buyers: list[Account],
    sellers: list[Account],
    symbols: list[str],
    seconds: float,
    concurrency: int,
) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    refused = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", timeout=30, limits=limits
    ) as live:

        async def client(n: int) -> None:
            nonlocal refused
            draw = random.Random(n)
            while time.monotonic() < stop:
                buying = draw.random() < 0.5
                who = draw.choice(buyers if buying else sellers)
                symbol = draw.choice(symbols)
                reference, tick, lot, _ = CRYPTO[symbol]
                spread = max(1, reference // 700)
                body = {
                    "symbol": symbol,
                    "side": "buy" if buying else "sell",
                    "quantity": str(lot * draw.randint(10, 100)),
                    "price": str(tick * (reference + draw.randint(-spread, spread))),
                    "client_order_id": uuid.uuid4().hex,
                }
                started = time.perf_counter()
                answer = await live.post("/api/v1/trading/orders", headers=who.headers, json=body)
                if answer.status_code == 201:
                    latencies.append(time.perf_counter() - started)
                else:
                    refused += 1

        started = time.monotonic()
        await asyncio.gather(*(client(n) for n in range(concurrency)))
        elapsed = time.monotonic() - started
    return latencies, refused, elapsed


def _environment(url: str, redis: str, namespace: str, **more: str) -> dict[str, str]:
    return {
        **os.environ,
        "APP_ENV": "test",
        "LOG_LEVEL": "WARNING",
        "EMBEDDED_WORKER": "false",
        "DATABASE_URL": url,
        "REDIS_URL": redis,
        "REDIS_NAMESPACE": namespace,
        **more,
    }


def serve(url: str, port: int, log: Path, workers: int, redis: str | None, **more: str) -> Any:
    """uvicorn on ``port`` with ``workers`` workers, Redis when given; waits for /healthz."""
    if redis is None:
        return start_process(uvicorn_command(port, "--workers", str(workers)), url, port, log)
    namespace = more.pop("REDIS_NAMESPACE", f"bench-{uuid.uuid4().hex[:8]}")
    command = uvicorn_command(port, "--workers", str(workers))
    profile = more.pop("PROFILE", None)
    if profile is not None:  # one worker runs in the uvicorn process itself: profiled whole
        command[1:1] = ["-m", "cProfile", "-o", profile]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=_environment(url, redis, namespace, **more),
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start; see {log}")


def start_matcher(
    url: str, redis: str, namespace: str, log: Path, profile: Path | None
) -> subprocess.Popen[bytes]:
    """``meridian matcher --partitions any``; waits until it owns every partition."""
    run = [sys.executable]
    if profile is not None:
        run += ["-m", "cProfile", "-o", str(profile)]
    process = subprocess.Popen(
        [*run, "-m", "infrastructure.cli.main", "matcher", "--partitions", "any"],
        cwd=ROOT,
        env=_environment(url, redis, namespace),
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    from redis import Redis

    client = Redis.from_url(redis)
    partitions = Settings(_env_file=None).trading_partitions
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"the matcher exited; see {log}")
            if len(client.keys(f"{namespace}:trading:owner:*")) == partitions:
                return process
            time.sleep(0.2)
    finally:
        client.close()
    process.kill()
    raise SystemExit(f"the matcher did not take its partitions; see {log}")


def measure(
    mode: str,
    url: str,
    args: argparse.Namespace,
    people: tuple[list[Account], list[Account]],
    symbols: list[str],
    profile: Path | None,
) -> tuple[str, float]:
    port = free_port()
    log = ROOT / ".data" / "bench-trading-server.log"
    log.parent.mkdir(exist_ok=True)
    namespace = f"bench-{uuid.uuid4().hex[:8]}"
    matcher = None
    if mode == "dedicated":
        matcher = start_matcher(url, args.redis, namespace, log, profile)
        process = serve(
            url,
            port,
            log,
            args.workers,
            args.redis,
            REDIS_NAMESPACE=namespace,
            TRADING_MATCHERS="dedicated",
            **({"PROFILE": str(profile.with_name("api-" + profile.name))} if profile else {}),
        )
    else:
        process = serve(url, port, log, args.workers, args.redis, REDIS_NAMESPACE=namespace)
    try:
        latencies, refused, elapsed = asyncio.run(
            load(port, *people, symbols, args.seconds, args.concurrency)
        )
    finally:
        for running in (process, matcher):  # the server first: its requests need the matcher
            if running is not None:
                running.send_signal(signal.SIGINT)  # graceful; a profiled process writes it
                try:
                    running.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    running.kill()
                    running.wait(timeout=10)
    ms = sorted(x * 1000 for x in latencies)
    cut = statistics.quantiles(ms, n=100) if len(ms) > 1 else [float("nan")] * 99
    return (
        f"{mode:<10} {len(ms) / elapsed:7.0f} acknowledged/s over {elapsed:.1f} s "
        f"({len(ms)} acknowledged, {refused} refused), {args.concurrency} clients, "
        f"{args.symbols} instruments, {args.workers} API workers; "
        f"p50 {cut[49]:.1f} ms, p99 {cut[98]:.1f} ms, max {ms[-1] if ms else float('nan'):.1f} ms"
    ), len(ms) / elapsed


def pgbench(server: str, seconds: float, concurrency: int, name: str = PGBENCH) -> float:
    url = asyncio.run(recreate_database(server, name)).replace("+asyncpg", "")
    try:
        subprocess.run(["pgbench", "-i", "-q", "-s", "10", url], check=True, capture_output=True)
        done = subprocess.run(
            ["pgbench", "-N", "-c", str(concurrency), "-j", "2", "-T", str(int(seconds)), url],
            check=True,
            capture_output=True,
            text=True,
        )
        found = re.search(r"tps = ([0-9.]+)", done.stdout)
        return float(found.group(1)) if found else float("nan")
    finally:
        asyncio.run(drop_database(server, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis", default=None, help="REDIS_URL (needed for --workers > 1)")
    parser.add_argument("--symbols", type=int, default=1, choices=range(1, len(CRYPTO) + 1))
    parser.add_argument("--matchers", default="in_process", help="in_process,dedicated")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", type=Path, default=None, help="cProfile the matcher here")
    parser.add_argument(
        "--scratch",
        default=DATABASE,
        help="the scratch database (recreated, then dropped; pgbench's is NAME_pgbench)",
    )
    args = parser.parse_args()
    modes = [m.strip() for m in args.matchers.split(",") if m.strip()]
    if set(modes) - {"in_process", "dedicated"} or not modes:
        raise SystemExit("--matchers: in_process and/or dedicated")
    if "dedicated" in modes and args.redis is None:
        raise SystemExit("--matchers dedicated needs --redis")
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, args.scratch))
    migrations.upgrade(url)
    try:
        symbols = list(CRYPTO)[: args.symbols]
        people = asyncio.run(prepare(url, symbols))
        for number in range(1, args.rounds + 1):
            order = modes if number % 2 else list(reversed(modes))
            for mode in order:
                profile = None
                if args.profile is not None and mode == "dedicated":
                    args.profile.mkdir(parents=True, exist_ok=True)
                    profile = args.profile / f"matcher-{number}.prof"
                line, rate = measure(mode, url, args, people, symbols, profile)
                tps = pgbench(server, args.seconds, args.concurrency, f"{args.scratch}_pgbench")
                print(
                    f"round {number} {line}; pgbench -N {tps:.0f} tps; "
                    f"ratio {rate / tps:.3f}x pgbench",
                    flush=True,
                )
    finally:
        asyncio.run(drop_database(server, args.scratch))


if __name__ == "__main__":
    main()
