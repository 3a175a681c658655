"""Certificates rendered per second through the cap table's renderer (the process pool behind
``CertificateRenderer``), with 2 workers and with 1, and in-process without a pool for scale.

    .venv/bin/python bench/certificate_render.py --certificates 1000 --rounds 5 --workers 2 1

Every certificate is a different sheet (its own number, holder, quantity with a fraction, and
verification URL, so its own QR code: nothing is served from the per-URL cache), with two
legends as real certificates carry. Each round submits all of them at once and waits for the
last; the pool is started and warmed (every worker has rendered) before the first round.
``--profile`` prints where in-process rendering spends its time (cProfile, top 25 by own time).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing
import os
import pstats
import statistics
import sys
import time
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from infrastructure.captable.pdf.certificate import render_certificate  # noqa: E402
from infrastructure.captable.pdf.renderer import PooledCertificateRenderer  # noqa: E402
from tests.support.captable_sheets import certificate_sheet  # noqa: E402
from usecases.captable.rendering import CertificateSheet  # noqa: E402


def sheets(count: int, offset: int) -> list[CertificateSheet]:
    base = certificate_sheet()
    return [
        replace(
            base,
            certificate_number=f"CS-{offset + n:06d}",
            holder_name=f"Stakeholder number {offset + n}",
            quantity=Decimal(1000 + offset + n) + Decimal("0.5"),
            issue_date=date(2026, 1 + n % 12, 1 + n % 28),
            verify_url=f"https://meridian.example/api/v1/certificates/{uuid.uuid4()}/verify",
        )
        for n in range(count)
    ]


def summary(label: str, rates: list[float]) -> str:
    return (
        f"{label:<22} min {min(rates):7.1f}  median {statistics.median(rates):7.1f}  "
        f"max {max(rates):7.1f}  certificates/s"
    )


def children_cpu() -> float:
    """CPU seconds the live child processes (the pool's workers) have used (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for child in multiprocessing.active_children():
        fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


async def pooled(workers: int, count: int, rounds: int) -> tuple[list[float], float, float]:
    """Rates of each round, and the CPU milliseconds a certificate took in the workers and in
    this process (the event loop and the pool's feeding and collecting)."""
    renderer = PooledCertificateRenderer(workers)
    try:
        await asyncio.gather(*(renderer.certificate(s) for s in sheets(4 * workers, 10**6)))
        rates = []
        worker_cpu, own_cpu = children_cpu(), time.process_time()
        for round_ in range(rounds):
            batch = sheets(count, round_ * count)
            started = time.perf_counter()
            pdfs = await asyncio.gather(*(renderer.certificate(s) for s in batch))
            rates.append(count / (time.perf_counter() - started))
            assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
        rendered = count * rounds
        worker_ms = (children_cpu() - worker_cpu) / rendered * 1000
        own_ms = (time.process_time() - own_cpu) / rendered * 1000
        return rates, worker_ms, own_ms
    finally:
        await renderer.aclose()


def in_process(count: int, rounds: int) -> tuple[list[float], list[float]]:
    """Rates by the wall clock and by this process's CPU time (what one free core would do,
    whatever else the machine runs)."""
    render_certificate(sheets(1, 10**7)[0])
    wall, cpu = [], []
    for round_ in range(rounds):
        batch = sheets(count, round_ * count)
        started, started_cpu = time.perf_counter(), time.process_time()
        for sheet in batch:
            render_certificate(sheet)
        wall.append(count / (time.perf_counter() - started))
        cpu.append(count / (time.process_time() - started_cpu))
    return wall, cpu


def profile(count: int) -> None:
    batch = sheets(count, 0)
    render_certificate(batch[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for sheet in batch:
        render_certificate(sheet)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certificates", type=int, default=1000, help="per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--profile", action="store_true", help="cProfile in-process rendering")
    args = parser.parse_args()
    if args.profile:
        profile(args.certificates)
        return
    load = os.getloadavg()[0]
    print(f"{args.certificates} certificates a round, {args.rounds} rounds, load {load:.1f}")
    for workers in args.workers:
        rates, worker_ms, own_ms = asyncio.run(pooled(workers, args.certificates, args.rounds))
        print(summary(f"pool, {workers} worker(s)", rates))
        print(
            f"  CPU per certificate: {worker_ms:.2f} ms in the workers, {own_ms:.2f} ms in the "
            f"event loop's process; {workers} free core(s) would give "
            f"{workers * 1000 / (worker_ms + own_ms):.0f}/s"
        )
    wall, cpu = in_process(args.certificates, args.rounds)
    print(summary("in process, no pool", wall))
    print(summary("  per CPU second", cpu))


if __name__ == "__main__":
    main()
