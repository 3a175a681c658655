"""Ledger entries through the use case next to pgbench, interleaved: a round of operator
adjustments by 8 concurrent clients through ``PostAdjustmentHandler`` (bench/ledger_throughput.py's
use-case round, on its own scratch database, each entry its own transaction) in one process,
the same with the 8 clients spread over as many processes as the server runs workers (pgbench
runs 8 server backends; the use case runs where the API runs, in ``--workers`` processes), then
pgbench's TPC-B-like run with 8 clients (``-j 2``) on a scratch database of the same PostgreSQL.
Both use-case figures are reported, each against pgbench."""

from __future__ import annotations

import asyncio
import glob
import re
import shutil
import subprocess

import ledger_throughput  # bench/ is on sys.path

from infrastructure.database import migrations
from sbs.context import Bench, median, rounds_text
from tests.support.databases import drop_database, recreate_database

CLIENTS = 8
SCALE = 10


def pgbench_binary() -> str | None:
    return shutil.which("pgbench") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"), reverse=True)), None
    )


def run_ledger(bench: Bench, server_url: str, prefix: str, workers: int = 2) -> None:
    p = bench.profile
    binary = pgbench_binary()
    ledger_db, pgbench_db = f"{prefix}_ledger", f"{prefix}_pgbench"
    bench.log(
        f"\n## ledger entries (use case, {CLIENTS} clients, {p.ledger_entries} a round, in 1 "
        f"process and in {workers}) next to "
        f"pgbench TPC-B-like (scale {SCALE}, {CLIENTS} clients, {p.pgbench_seconds:.0f} s): "
        f"{p.rounds} rounds"
    )
    url = asyncio.run(recreate_database(server_url, ledger_db))
    plain = None
    try:
        migrations.upgrade(url)
        if binary is None:
            bench.log("  pgbench not found (apt-get install postgresql-client): skipped")
        else:
            pg_url = asyncio.run(recreate_database(server_url, pgbench_db))
            plain = pg_url.replace("postgresql+asyncpg://", "postgresql://")
            subprocess.run(
                [binary, "-i", "-q", "-s", str(SCALE), plain], check=True, capture_output=True
            )
        entries, spread, tps = [], [], []
        ledger_throughput.use_case_figures(url, CLIENTS * 10, CLIENTS)  # warm-up
        for r in range(p.rounds):
            one = ledger_throughput.use_case_figures(url, p.ledger_entries, CLIENTS)
            many = ledger_throughput.use_case_figures(url, p.ledger_entries, CLIENTS, workers)
            entries.append(one.entries_per_second)
            spread.append(many.entries_per_second)
            line = (
                f"  round {r + 1}: use case {one.entries_per_second:7.1f} entries/s "
                f"({one.cpu_ms_per_entry:.2f} ms CPU each), in {workers} processes "
                f"{many.entries_per_second:7.1f} ({many.cpu_ms_per_entry:.2f} ms)"
            )
            if binary is not None and plain is not None:
                tps.append(_pgbench(binary, plain, p.pgbench_seconds))
                line += f"   pgbench {tps[-1]:7.1f} tps"
            bench.log(line)
    finally:
        asyncio.run(drop_database(server_url, ledger_db))
        if plain is not None:
            asyncio.run(drop_database(server_url, pgbench_db))
    bench.log(
        f"  use case: {rounds_text(entries)} entries/s in 1 process, {rounds_text(spread)} in "
        f"{workers}; pgbench: {rounds_text(tps)} tps"
    )
    if tps:
        bench.compare(
            "ledger entries (use case, 1 process) vs pgbench, 8 clients",
            median(entries),
            median(tps),
            "entries/s",
            "≥ 0.5x",
            lambda x: x >= 0.5,
            ref_unit="tps",
        )
        bench.compare(
            f"ledger entries (use case, {workers} processes) vs pgbench, 8 clients",
            median(spread),
            median(tps),
            "entries/s",
            "≥ 0.5x",
            lambda x: x >= 0.5,
            ref_unit="tps",
        )
    else:
        bench.add_info(
            "ledger entries (use case), 8 clients",
            f"{median(entries):,.1f}/s (1 process), {median(spread):,.1f}/s ({workers})",
            "pgbench absent",
        )


def _pgbench(binary: str, url: str, seconds: float) -> float:
    out = subprocess.run(
        [binary, "-c", str(CLIENTS), "-j", "2", "-T", str(max(1, round(seconds))), url],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    ).stdout
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
    return float(match.group(1)) if match else float("nan")
