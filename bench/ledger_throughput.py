"""Ledger throughput: journal entries/s through the ledger use case and through the ledger
adapter alone, each entry its own committed transaction (row locks in account-id order,
postings, balance updates, deferred balance trigger; the use case adds its Idempotency-Key
record and the hash-chained audit entry), with 1 client and with 8 concurrent clients; then
pgbench (TPC-B-like) on the same server for scale.

    .venv/bin/python bench/ledger_throughput.py --entries 3000 --clients 1 8 [--processes 1 2]
        [--pgbench-seconds 20] [--use-case-only]

Three shapes per client count: "use case" (each client posts operator adjustments to its own
user through ``PostAdjustmentHandler`` with an Idempotency-Key, as ``POST
/api/v1/ledger/adjustments`` does; in one process, and with the clients spread over
``--processes`` processes as the server's workers share them, with the CPU each entry cost the
posting processes), "own accounts" (adapter only: each client moves money between
two accounts of its own: no shared row) and "hot account" (adapter only: every entry also credits
one shared platform-fees account, the row every client must lock in turn). Uses DATABASE_URL's
server (else the embedded one) with scratch databases it drops at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.ledger.accounts import Account  # noqa: E402
from domain.ledger.entries import Leg, NewEntry  # noqa: E402
from domain.shared.actor import Actor  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.database.engine import create_engine, create_session_factory  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.databases import drop_database, recreate_database, truncate_all  # noqa: E402
from tests.support.ledger import LedgerDriver  # noqa: E402
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler  # noqa: E402
from usecases.ledger.post_adjustment import PostAdjustment, PostAdjustmentHandler  # noqa: E402
from usecases.shared.idempotency import IdempotencyKey  # noqa: E402

DB = "meridian_bench_ledger"
BENCH_PASSWORD = "bench password that is long enough"  # noqa: S105  (scratch database)
PGBENCH_DB = "meridian_bench_pgbench"


async def client(driver: LedgerDriver, n: int, hot: Account | None) -> None:
    a, b = await driver.user_cash(), await driver.user_cash()
    await driver.deposit(a, Decimal(n) * 2)
    await driver.deposit(b, Decimal(n) * 2)
    for i in range(n):
        source, target = (a, b) if i % 2 == 0 else (b, a)
        legs = [Leg(source.id, Decimal("-1.01")), Leg(target.id, Decimal("1.00"))]
        legs.append(Leg(hot.id if hot else target.id, Decimal("0.01")))
        entry = NewEntry(legs=legs, memo="bench transfer")
        await driver.run(lambda ledger, e=entry: ledger.post(e))


@dataclass(frozen=True)
class UseCaseFigures:
    entries_per_second: float
    cpu_ms_per_entry: float  # user + system CPU of the process(es) posting, timed part only
    processes: int


async def _admins(registry: Any, clients: int, tag: str) -> list[str]:
    codes = []
    for i in range(clients):
        view = await registry.resolve(CreateAdminHandler).execute(
            CreateAdmin(
                actor=Actor.system("bench"),
                email=f"bench{tag}{i}@bench.meridian.dev",
                mobile=f"+919{tag or 0}{i:08d}",
                password=BENCH_PASSWORD,
                super_admin=False,
            )
        )
        codes.append(view.code)
    return codes


async def _adjust(registry: Any, codes: list[str], per_client: int, keys: str = "bench") -> None:
    system = Actor.system("bench")

    async def one(code: str) -> None:
        for i in range(per_client):
            amount = Decimal("1.00") if i % 2 == 0 else Decimal("-1.00")
            key = IdempotencyKey(f"{keys}-{code}-{i}", f"{code}{i}")
            await registry.resolve(PostAdjustmentHandler).execute(
                PostAdjustment(
                    actor=system,
                    user_code=code,
                    asset="INR",
                    amount=amount,
                    memo="bench adjustment",
                    idempotency=key,
                )
            )

    await asyncio.gather(*(one(code) for code in codes))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _in_process(
    url: str, per_client: int, clients: int, tag: str, ready: Callable[[], None] | None = None
) -> tuple[float, float, float]:
    """Set up ``clients`` admins, then post: (start, end, CPU seconds) of the posting."""
    settings = Settings(_env_file=None, database_url=url, db_pool_size=clients + 2, redis_url=None)
    container = build_container(settings, url)
    try:
        registry = build_registry(container)
        codes = await _admins(registry, clients, tag)
        if ready is not None:  # a process of its own: warm it up as the 1-process round is
            await _adjust(registry, codes, 10, keys="warm-up")
            ready()
        cpu, started = _cpu(), time.perf_counter()
        await _adjust(registry, codes, per_client)
        return started, time.perf_counter(), _cpu() - cpu
    finally:
        await container.aclose()


def _child(url: str, per_client: int, clients: int, tag: str, barrier: Any, out: Any) -> None:
    out.put(asyncio.run(_in_process(url, per_client, clients, tag, barrier.wait)))


async def _truncate(url: str) -> None:
    settings = Settings(_env_file=None, database_url=url, redis_url=None)
    engine = create_engine(settings, url)
    try:
        await truncate_all(engine)
    finally:
        await engine.dispose()


def use_case_figures(url: str, entries: int, clients: int, processes: int = 1) -> UseCaseFigures:
    """Operator adjustments by ``clients`` concurrent clients through the use case, in one
    process or spread over ``processes`` (the clients split between them, as the server's
    workers would share them; each process its own pool and event loop, warmed up with 10
    adjustments a client; timed from the moment all are set up to the last one's end). The
    one-process round runs in the caller's process: warm it up with a round first."""
    asyncio.run(_truncate(url))
    per_client = entries // clients
    if processes <= 1:
        started, ended, cpu = asyncio.run(_in_process(url, per_client, clients, ""))
        spans = [(started, ended, cpu)]
    else:
        context = multiprocessing.get_context("spawn")
        barrier, out = context.Barrier(processes), context.Queue()
        shares = [clients // processes + (i < clients % processes) for i in range(processes)]
        children = [
            context.Process(target=_child, args=(url, per_client, n, str(i + 1), barrier, out))
            for i, n in enumerate(shares)
        ]
        for child in children:
            child.start()
        spans = [out.get(timeout=600) for _ in children]
        for child in children:
            child.join()
    posted = per_client * clients
    elapsed = max(s[1] for s in spans) - min(s[0] for s in spans)
    cpu = sum(s[2] for s in spans)
    return UseCaseFigures(posted / elapsed, cpu / posted * 1000, max(processes, 1))


async def round_(url: str, entries: int, clients: int, hot: bool) -> float:
    settings = Settings(_env_file=None, database_url=url, db_pool_size=clients, db_max_overflow=0)
    engine = create_engine(settings, url)
    try:
        await truncate_all(engine)
        driver = LedgerDriver(create_session_factory(engine))
        fees = await driver.fees() if hot else None
        per_client = entries // clients
        # each client first opens and funds two accounts (4 short transactions, timed too)
        started = time.perf_counter()
        await asyncio.gather(*(client(driver, per_client, fees) for _ in range(clients)))
        elapsed = time.perf_counter() - started
        return per_client * clients / elapsed
    finally:
        await engine.dispose()


def pgbench(server: str, clients: list[int], seconds: int) -> dict[int, float]:
    binary = shutil.which("pgbench") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"), reverse=True)), None
    )
    if binary is None:
        print("pgbench not found: skipped")
        return {}
    url = asyncio.run(recreate_database(server, PGBENCH_DB))
    plain = url.replace("postgresql+asyncpg://", "postgresql://")
    try:
        subprocess.run([binary, "-i", "-q", "-s", "10", plain], check=True, capture_output=True)
        found: dict[int, float] = {}
        for c in clients:
            out = subprocess.run(
                [binary, "-c", str(c), "-j", str(min(c, 2)), "-T", str(seconds), plain],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
            found[c] = float(match.group(1)) if match else float("nan")
        return found
    finally:
        asyncio.run(drop_database(server, PGBENCH_DB))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument(
        "--processes",
        type=int,
        nargs="+",
        default=[1, 2],
        help="processes the use case's clients are spread over (default 1 and 2, as the "
        "server's default WORKERS)",
    )
    parser.add_argument("--pgbench-seconds", type=int, default=20, help="0 skips pgbench")
    parser.add_argument("--db", default=DB, help=f"scratch database (default {DB})")
    parser.add_argument(
        "--use-case-only", action="store_true", help="only the use-case rows (no adapter shapes)"
    )
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, args.db))
    try:
        migrations.upgrade(url)
        print(f"{'clients':>8} {'shape':>22} {'entries/s':>10} {'CPU/entry':>10}")
        for clients in args.clients:
            use_case_figures(url, clients * 10, clients)  # warm-up of this process
            for processes in args.processes:
                if processes > clients:
                    continue
                f = use_case_figures(url, args.entries, clients, processes)
                shape = f"use case, {processes} process{'es' if processes > 1 else ''}"
                print(
                    f"{clients:>8} {shape:>22} {f.entries_per_second:>10.0f} "
                    f"{f.cpu_ms_per_entry:>8.2f}ms",
                    flush=True,
                )
            if args.use_case_only:
                continue
            for hot in (False, True):
                rate = asyncio.run(round_(url, args.entries, clients, hot))
                shape = "hot account" if hot else "own accounts"
                print(f"{clients:>8} {shape:>22} {rate:>10.0f}")
    finally:
        asyncio.run(drop_database(server, args.db))
    if args.pgbench_seconds:
        for c, tps in pgbench(server, args.clients, args.pgbench_seconds).items():
            print(f"pgbench TPC-B-like, scale 10, {c} client(s): {tps:.0f} tps")


if __name__ == "__main__":
    main()
