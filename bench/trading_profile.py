"""Where an order's time goes: statements per order and a cProfile of the matcher, in process.

    .venv/bin/python bench/trading_profile.py [--orders 320] [--concurrency 32] [--top 25]

On a scratch database (DATABASE_URL's server or the embedded one; dropped at the end) with the
same accounts as ``bench/trading_orders.py``, ``--concurrency`` clients place ``--orders``
crossing limit orders on SOL-USD through the API in process (ASGI transport, no HTTP server).
Prints the statements the server ran per acknowledged order grouped by their first words (an
engine listener), the commits, and the functions that took the most cumulative time."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import re
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from trading_orders import CRYPTO, prepare  # noqa: E402

from infrastructure.app import create_app  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402

DATABASE = "meridian_bench_trading_profile"


def shape(statement: str) -> str:
    """A statement's kind: its verb and first table (CTEs named by what they write)."""
    text = " ".join(statement.split())
    verb = text.split(" ", 1)[0].upper()
    if verb == "WITH":
        writes = re.findall(r"(INSERT INTO|UPDATE) (\w+)", text)
        return "WITH " + "+".join(sorted({t for _, t in writes})) if writes else "WITH (read)"
    table = re.search(r"(?:FROM|INTO|UPDATE) (\w+)", text)
    return f"{verb} {table.group(1) if table else ''}".strip()


async def run(url: str, orders: int, concurrency: int, top: int) -> None:
    symbol = "SOL-USD"
    buyers, sellers = await prepare(url, [symbol])
    settings = Settings(
        _env_file=None, database_url=url, embedded_worker=False, log_level="WARNING"
    )
    container = build_container(settings, url)
    app = create_app(settings, container=container)
    seen: Counter[str] = Counter()

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen[shape(statement)] += 1

    def commit(_conn: Any) -> None:
        seen["COMMIT"] += 1

    engine = container.engine.sync_engine
    transport = httpx.ASGITransport(app=app)
    acknowledged = 0
    profile = cProfile.Profile()
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://profile", timeout=60) as client,
    ):
        left = orders

        async def one(draw: random.Random) -> None:
            nonlocal left, acknowledged
            while left > 0:
                left -= 1
                buying = draw.random() < 0.5
                who = draw.choice(buyers if buying else sellers)
                reference, tick, lot, _ = CRYPTO[symbol]
                spread = max(1, reference // 700)
                body = {
                    "symbol": symbol,
                    "side": "buy" if buying else "sell",
                    "quantity": str(lot * draw.randint(10, 100)),
                    "price": str(tick * (reference + draw.randint(-spread, spread))),
                    "client_order_id": uuid.uuid4().hex,
                }
                answer = await client.post("/api/v1/trading/orders", headers=who.headers, json=body)
                acknowledged += answer.status_code == 201

        # warm up (the book, caches, statements compiled), then count
        left = 32
        await asyncio.gather(*(one(random.Random(-n)) for n in range(8)))
        acknowledged, left = 0, orders
        event.listen(engine, "before_cursor_execute", note)
        event.listen(engine, "commit", commit)
        started = time.perf_counter()
        profile.enable()
        await asyncio.gather(*(one(random.Random(n)) for n in range(concurrency)))
        profile.disable()
        elapsed = time.perf_counter() - started
        event.remove(engine, "before_cursor_execute", note)
        event.remove(engine, "commit", commit)
    await container.aclose()
    total = sum(n for k, n in seen.items() if k != "COMMIT")
    print(
        f"{acknowledged} orders acknowledged in {elapsed:.2f} s ({acknowledged / elapsed:.0f}/s), "
        f"{total} statements ({total / max(acknowledged, 1):.1f} an order), "
        f"{seen['COMMIT']} commits"
    )
    for kind, n in seen.most_common():
        print(f"  {n / max(acknowledged, 1):6.2f} an order  {n:6d}  {kind}")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=320)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, DATABASE))
    migrations.upgrade(url)
    try:
        asyncio.run(run(url, args.orders, args.concurrency, args.top))
    finally:
        asyncio.run(drop_database(server, DATABASE))


if __name__ == "__main__":
    main()
