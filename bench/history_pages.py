"""History pages: p50/p90 of one page of my transaction history (the use case as
``GET /api/v1/ledger/transactions`` runs it) for users with 10, 10,000 and 100,000 postings,
interleaved round-robin so machine drift hits every size alike; prints each size's ratio to
the 10-posting p50. The first page and a page 50 pages deep (through the cursor) are timed.
Pages hold ``--limit`` rows (10, so even the smallest account fills one: the ratio then shows
how a page's cost grows with the account, not with the number of rows it returns); the deep
page of an account with fewer rows than 50 pages is its first.

    .venv/bin/python bench/history_pages.py [--sizes 10 10000 100000] [--samples 300]

Seeds straight through SQL (one entry of two postings per posting of the user, with the
running balances the adapter writes) in a scratch database on DATABASE_URL's server (else the
embedded one), checks the ledger, and drops the database at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from adapters.persistence.ledger.inspector import SqlLedgerInspector  # noqa: E402
from domain.shared.actor import Actor  # noqa: E402
from domain.shared.ids import UserId  # noqa: E402
from domain.shared.pagination import PageRequest  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.ledger.list_my_transactions import (  # noqa: E402
    ListMyTransactions,
    ListMyTransactionsHandler,
)

DB = "meridian_bench_history"
ACCOUNT = (
    "INSERT INTO ledger_accounts (id, owner_id, kind, asset_code, precision, may_go_negative,"
    " posted, held, created_at) VALUES (:id, :owner, :kind, 'INR', 2, :neg, :posted, 0, now())"
)
SEED = """
WITH g AS (
    SELECT i, gen_random_uuid() AS id, now() - make_interval(secs => :n - i) AS at
    FROM generate_series(1, :n) i
), e AS (
    INSERT INTO ledger_entries (id, memo, metadata, created_at)
    SELECT id, 'bench posting', '{}'::jsonb, at FROM g RETURNING id
)
INSERT INTO ledger_postings
    (entry_id, line, account_id, asset_code, amount, owner_id, created_at, balance_after)
SELECT g.id, l.line,
       CASE l.line WHEN 1 THEN CAST(:account AS uuid) ELSE CAST(:clearing AS uuid) END, 'INR',
       CASE l.line WHEN 1 THEN 1.00 ELSE -1.00 END,
       CASE l.line WHEN 1 THEN CAST(:owner AS uuid) END, g.at,
       CASE l.line WHEN 1 THEN g.i * 1.00 END
FROM g CROSS JOIN (VALUES (1), (2)) AS l(line)
WHERE (SELECT count(*) FROM e) > 0
ORDER BY g.i, l.line
"""


async def seed(container, sizes: list[int]) -> dict[int, UserId]:  # type: ignore[no-untyped-def]
    owners: dict[int, UserId] = {}
    clearing = uuid.uuid4()
    async with container.engine.begin() as conn:
        await conn.execute(
            text(ACCOUNT),
            {
                "id": clearing,
                "owner": None,
                "kind": "bank_clearing",
                "neg": True,
                "posted": -sum(sizes),
            },
        )
    for n in sizes:
        owner, account = uuid.uuid4(), uuid.uuid4()
        started = time.perf_counter()
        async with container.engine.begin() as conn:
            await conn.execute(
                text(ACCOUNT),
                {"id": account, "owner": owner, "kind": "user_cash", "neg": False, "posted": n},
            )
            await conn.execute(
                text(SEED), {"n": n, "account": account, "clearing": clearing, "owner": owner}
            )
        print(f"seeded {n:>7} postings in {time.perf_counter() - started:6.1f} s", flush=True)
        owners[n] = UserId(owner)
    async with container.engine.connect() as conn:
        await conn.execute(text("ANALYZE"))
    return owners


async def deep_cursor(
    handler: ListMyTransactionsHandler, actor: Actor, pages: int, limit: int
) -> str | None:
    cursor = None
    for _ in range(pages):
        page = await handler.execute(
            ListMyTransactions(actor=actor, page=PageRequest(cursor=cursor))
        )
        cursor = page.next_cursor
        if cursor is None:
            break
    return cursor


async def main(sizes: list[int], samples: int, limit: int) -> None:
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = await recreate_database(server, DB)
    try:
        await asyncio.to_thread(migrations.upgrade, url)
        settings = Settings(_env_file=None, database_url=url, redis_url=None)
        container = build_container(settings, url)
        try:
            owners = await seed(container, sizes)
            _, violation = await SqlLedgerInspector(container.session_factory).inspect()
            assert violation is None, violation
            handler = build_registry(container).resolve(ListMyTransactionsHandler)
            actors = {n: Actor(kind="user", user_id=owner) for n, owner in owners.items()}
            cursors = {n: await deep_cursor(handler, actors[n], 50, limit) for n in sizes}
            timings: dict[tuple[int, str], list[float]] = {}
            for _ in range(samples):
                for n in sizes:
                    for depth, cursor in (("first", None), ("deep", cursors[n])):
                        request = PageRequest(limit=limit, cursor=cursor)
                        cmd = ListMyTransactions(actor=actors[n], page=request)
                        started = time.perf_counter()
                        await handler.execute(cmd)
                        timings.setdefault((n, depth), []).append(time.perf_counter() - started)
        finally:
            await container.aclose()
    finally:
        await drop_database(url, DB)
    print(f"\n{'postings':>9} {'page':>6} {'p50_ms':>8} {'p90_ms':>8} {'ratio_p50':>10}")
    for depth in ("first", "deep"):
        base = statistics.median(timings[(sizes[0], depth)])
        for n in sizes:
            values = sorted(timings[(n, depth)])
            p50, p90 = statistics.median(values), values[int(len(values) * 0.9)]
            print(f"{n:>9} {depth:>6} {p50 * 1e3:8.2f} {p90 * 1e3:8.2f} {p50 / base:10.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000, 100_000])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--limit", type=int, default=10, help="rows a page (default 10)")
    args = parser.parse_args()
    asyncio.run(main(args.sizes, args.samples, args.limit))
