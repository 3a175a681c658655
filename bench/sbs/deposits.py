"""Deposits: ``POST /api/v1/banking/deposits`` by the seeded KYC-3 investors at 8 and at 32
connections, interleaved (the intake rate is the better of the two medians); then the
settlement rate: ``meridian worker`` started on the deposits those runs left pending (the
server runs no embedded worker), its rail job submitting each to the sandbox rail, whose signed
webhook (settle delay 0) the server settles; the rate is completed deposits per second between
the first and the last poll that saw progress (worker start-up left out), within a window."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import asyncpg

from sbs.context import Bench, Row, median, rounds_text
from sbs.processes import Managed
from sbs.wrk import run_wrk

CONNECTIONS = (8, 32)
P99_TARGET_MS = 100.0
STARTUP_ALLOWANCE = 120.0  # seconds the worker may take to settle its first deposit


def run_deposits(bench: Bench, tokens_file: Path) -> float:
    """The rounds; returns the intake rate (deposits/s) for the settlement comparison."""
    p = bench.profile
    assert bench.meridian is not None
    base = bench.meridian.base

    def once(connections: int, seconds: float) -> tuple[float, float]:
        result = run_wrk(
            "deposit",
            base,
            seconds=seconds,
            connections=connections,
            env={"BENCH_TOKENS_FILE": str(tokens_file), "BENCH_RUN": uuid.uuid4().hex[:12]},
        )
        if result.errors:
            bench.errors.append(f"deposits at {connections}: {result.errors} errors")
        good = result.answered / max(round(seconds), 1)
        bench.log(
            f"  {connections:>2} connections {good:8.1f} deposits/s  p50 {result.p50_ms:7.2f} ms"
            f"  p99 {result.p99_ms:7.2f} ms  errors {result.errors}"
        )
        return good, result.p99_ms

    bench.log(
        f"\n## deposits: {p.rounds} interleaved rounds of {p.deposit_seconds:.0f} s at "
        f"{' and '.join(map(str, CONNECTIONS))} connections"
    )
    for c in CONNECTIONS:
        once(c, p.warmup_seconds)
    rates: dict[int, list[float]] = {c: [] for c in CONNECTIONS}
    p99s: dict[int, list[float]] = {c: [] for c in CONNECTIONS}
    for r in range(p.rounds):
        bench.log(f" round {r + 1}")
        for c in CONNECTIONS:
            rate, p99 = once(c, p.deposit_seconds)
            rates[c].append(rate)
            if rate > 0:
                p99s[c].append(p99)
            else:
                bench.errors.append(f"deposits at {c}, round {r + 1}: none answered")
    for c in CONNECTIONS:
        bench.log(f"  at {c}: {rounds_text(rates[c])} deposits/s; p99 {rounds_text(p99s[c])} ms")
    p99_32 = median(p99s[32])
    if not p99s[32]:
        bench.add_info("deposits p99 at 32 connections", "no deposit answered")
        return max(median(rates[8]), median(rates[32]))
    bench.add(
        Row(
            "deposits p99 at 32 connections",
            f"{p99_32:,.1f} ms ({median(rates[32]):,.0f}/s)",
            f"{P99_TARGET_MS:.0f} ms",
            p99_32 / P99_TARGET_MS,
            "< 1x (p99 < 100 ms)",
            p99_32 < P99_TARGET_MS,
        )
    )
    bench.add_info(
        "(info) deposits at 8 connections",
        f"{median(rates[8]):,.1f}/s, p99 {median(p99s[8]):.1f} ms",
    )
    return max(median(rates[8]), median(rates[32]))


async def _counts(url: str) -> tuple[int, int]:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        row = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE state = 'pending') AS pending,"
            " count(*) FILTER (WHERE state <> 'pending') AS settled FROM banking_deposits"
        )
        return int(row["pending"]), int(row["settled"])
    finally:
        await conn.close()


def run_settlement(bench: Bench, intake: float) -> None:
    p = bench.profile
    assert bench.meridian is not None
    server = bench.meridian
    url = server.database_url
    pending, settled0 = asyncio.run(_counts(url))
    bench.log(
        f"\n## settlement: `meridian worker` drains {pending} pending deposits "
        f"(at most {p.settle_window:.0f} s from its first settlement)"
    )
    if pending == 0:
        bench.errors.append("settlement: no pending deposits to drain")
        return
    worker = Managed(
        "meridian worker",
        [str(bench.root / ".venv" / "bin" / "meridian"), "worker"],
        cwd=bench.root,
        env=server.env,
        log=bench.results.with_suffix(".worker.log"),
    )
    polls: list[tuple[float, int]] = []
    started = time.monotonic()
    first: float | None = None  # when the first settlement was seen: the window starts there
    try:
        while True:
            now = time.monotonic() - started
            if first is None and now > STARTUP_ALLOWANCE:
                break
            if first is not None and now - first > p.settle_window:
                break
            if not worker.alive():
                raise RuntimeError(f"meridian worker exited:\n{worker.tail()}")
            _, settled = asyncio.run(_counts(url))
            polls.append((time.monotonic() - started, settled - settled0))
            if first is None and settled > settled0:
                first = polls[-1][0]
            if settled - settled0 >= pending:
                break
            time.sleep(0.25)
    finally:
        worker.stop()
    moving = [(t, n) for t, n in polls if n > 0]
    if len(moving) < 2:
        bench.errors.append(f"settlement: {moving[-1][1] if moving else 0} settled in the window")
        bench.add_info("settlement vs deposit intake", "too few settled", f"{intake:,.1f}/s")
        return
    (t0, n0), (t1, n1) = moving[0], moving[-1]
    rate = (n1 - n0) / (t1 - t0) if t1 > t0 else float("nan")
    bench.log(
        f"  first settled after {t0:.1f} s (worker start-up), {n1} of {pending} settled after "
        f"{t1:.1f} s: {rate:.1f} settlements/s"
    )
    bench.compare(
        "settlement vs deposit intake",
        rate,
        intake,
        "/s",
        "≥ 1x",
        lambda x: x >= 1,
    )
