"""The market simulator's load: orders per second it sustains through the real use cases
(trading's order entry: KYC gate, grid and band checks, the matcher's group commit, holds and
settlement in the ledger) on PostgreSQL, with the container's feed bus listened to the whole
time (the in-memory bus, or the Redis one with ``--redis`` once it is the container's).

    .venv/bin/python bench/market_simulator.py --seconds 30 [--interval 0.05]
        [--symbols BTC-USD,ETH-USD,SOL-USD,ADA-USD,DOT-USD] [--redis redis://127.0.0.1:6379/4]

On a scratch database it drops at the end (DATABASE_URL's server or the embedded one): the
catalog listed, the simulator accounts made, verified and funded (not timed), then the run for
``--seconds`` with a tick every ``--interval`` seconds (a tick takes as long as its orders do:
at a short interval the simulator runs flat out). Prints ticks, orders placed, cancels,
refusals (by code) and failures, each per second, the trading requests per second (every
place and cancel), and the feed messages the listener received."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.shared.actor import Actor  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import Container, build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.demo.market_simulator import prepare, simulate  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.trading.instruments.seed_instruments import (  # noqa: E402
    SeedInstruments,
    SeedInstrumentsHandler,
)

DATABASE = "meridian_bench_simulator"
CRYPTO = "BTC-USD,ETH-USD,SOL-USD,ADA-USD,DOT-USD"  # open around the clock


async def listen(container: Container, counted: list[int]) -> None:
    async with container.feed.listen() as messages:
        async for _ in messages:
            counted[0] += 1


async def run(
    url: str, seconds: float, interval: float, symbols: frozenset[str], redis: str | None
) -> None:
    settings = Settings(
        _env_file=None,
        database_url=url,
        redis_url=redis,
        embedded_worker=False,
        log_level="WARNING",
    )
    container = build_container(settings, url)
    try:
        handler = build_registry(container).resolve(SeedInstrumentsHandler)
        await handler.execute(SeedInstruments(actor=Actor.system("bench")))
        began = time.perf_counter()
        participants = await prepare(container, symbols)
        print(
            f"accounts ready: {len(participants.everyone)} in {time.perf_counter() - began:.1f} s"
        )
        counted = [0]
        listener = asyncio.create_task(listen(container, counted))
        began = time.perf_counter()
        summary = await simulate(
            container,
            participants,
            duration_seconds=seconds,
            interval_seconds=interval,
            seed=1,
            symbols=symbols,
        )
        elapsed = time.perf_counter() - began
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
    finally:
        await container.aclose()
    requests = summary.orders_placed + summary.cancelled + summary.refused_total + summary.failed
    refused = ", ".join(f"{c} {n}" for c, n in sorted(summary.refused.items())) or "none"
    print(
        f"{len(symbols)} symbols, {len(participants.everyone)} agents, {elapsed:.1f} s, "
        f"tick every {interval} s"
    )
    print(f"ticks            {summary.ticks:>8}  {summary.ticks / elapsed:>9.1f}/s")
    print(f"orders placed    {summary.orders_placed:>8}  {summary.orders_placed / elapsed:>9.1f}/s")
    print(f"traded on arrival{summary.trades:>8}  {summary.trades / elapsed:>9.1f}/s")
    print(f"quotes cancelled {summary.cancelled:>8}  {summary.cancelled / elapsed:>9.1f}/s")
    print(f"refused          {summary.refused_total:>8}  ({refused})")
    print(f"failed           {summary.failed:>8}")
    print(f"trading requests {requests:>8}  {requests / elapsed:>9.1f}/s (places and cancels)")
    print(f"feed messages    {counted[0]:>8}  {counted[0] / elapsed:>9.1f}/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--symbols", default=CRYPTO)
    parser.add_argument("--redis", default=None)
    args = parser.parse_args()
    symbols = frozenset(s.strip() for s in args.symbols.split(",") if s.strip())
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, DATABASE))
    try:
        migrations.upgrade(url)
        asyncio.run(run(url, args.seconds, args.interval, symbols, args.redis))
    finally:
        asyncio.run(drop_database(server, DATABASE))


if __name__ == "__main__":
    main()
