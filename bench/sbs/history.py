"""History pages at 10 / 10,000 / 100,000 postings: bench/history_pages.py's seed (straight SQL,
running balances as the adapter writes them) on a scratch database, then the first page (10
rows) of each user's history through ``ListMyTransactionsHandler``, the sizes interleaved
round-robin sample by sample; the page 50 pages deep is timed too (information)."""

from __future__ import annotations

import asyncio
import statistics
import time

import history_pages  # bench/ is on sys.path

from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.database import migrations
from infrastructure.wiring import build_registry
from sbs.context import Bench
from tests.support.databases import drop_database, recreate_database
from usecases.ledger.list_my_transactions import ListMyTransactions, ListMyTransactionsHandler

SIZES = (10, 10_000, 100_000)
LIMIT = 10


async def _measure(url: str, samples: int) -> dict[tuple[int, str], list[float]]:
    await asyncio.to_thread(migrations.upgrade, url)
    container = build_container(Settings(_env_file=None, database_url=url, redis_url=None), url)
    try:
        owners = await history_pages.seed(container, list(SIZES))
        handler = build_registry(container).resolve(ListMyTransactionsHandler)
        actors = {n: Actor(kind="user", user_id=owner) for n, owner in owners.items()}
        deep = {n: await history_pages.deep_cursor(handler, actors[n], 50, LIMIT) for n in SIZES}
        timings: dict[tuple[int, str], list[float]] = {}
        for i in range(samples + 5):  # the first 5 warm the caches
            for n in SIZES:
                for depth, cursor in (("first", None), ("deep", deep[n])):
                    cmd = ListMyTransactions(actor=actors[n], page=PageRequest(LIMIT, cursor))
                    started = time.perf_counter()
                    await handler.execute(cmd)
                    if i >= 5:
                        timings.setdefault((n, depth), []).append(time.perf_counter() - started)
        return timings
    finally:
        await container.aclose()


def run_history(bench: Bench, server_url: str, prefix: str) -> None:
    p = bench.profile
    name = f"{prefix}_history"
    bench.log(f"\n## history pages: {p.history_samples} samples a size, interleaved")
    url = asyncio.run(recreate_database(server_url, name))
    try:
        timings = asyncio.run(_measure(url, p.history_samples))
    finally:
        asyncio.run(drop_database(server_url, name))
    p50 = {key: statistics.median(values) * 1000 for key, values in timings.items()}
    for depth in ("first", "deep"):
        bench.log(
            f"  {depth:>5} page p50: "
            + ", ".join(f"{n:,} postings {p50[(n, depth)]:.2f} ms" for n in SIZES)
        )
    bench.compare(
        "history first page p50, 100,000 vs 10 postings",
        p50[(100_000, "first")],
        p50[(10, "first")],
        "ms",
        "≤ 1.5x",
        lambda x: x <= 1.5,
    )
    bench.add_info(
        "(info) history p50 at 10,000 / 100,000 deep",
        f"{p50[(10_000, 'first')]:.2f} ms / {p50[(100_000, 'deep')]:.2f} ms",
    )
