"""XIRR on a batch of 10,000 random cash-flow sets, ours against pyxirr in the same run, on the
same input (Python lists of dates and float amounts), and the answers compared as the
differential test does: within 1e-7 (relative beyond 100%) wherever pyxirr finds a root, the
same refusals of one-signed sets, and where pyxirr finds no root the count of sets where we do
find one (total losses near -100%, each a true root: see the test).

    .venv/bin/python bench/portfolio_xirr.py --sets 10000 --repeat 7

Timings are the median of ``--repeat`` runs of the whole batch (each side), wall clock, one
process. The sets are those of tests/support/portfolio_flows.py (seed 20).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import pyxirr  # noqa: E402

from domain.portfolio.xirr import rates_of  # noqa: E402
from tests.support.portfolio_flows import flow_sets  # noqa: E402


def theirs(sets: list) -> list[float | None]:
    out: list[float | None] = []
    for dates, amounts in sets:
        try:
            rate = pyxirr.xirr(dates, amounts, guess=0.1)
        except pyxirr.InvalidPaymentsError:
            rate = None
        out.append(math.nan if rate is None else rate)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sets = flow_sets(args.sets)
    ours_times, theirs_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        reference = theirs(sets)
        theirs_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours = rates_of(sets)
        ours_times.append(time.perf_counter() - start)
    agree = differ = only_ours = 0
    for mine, ref in zip(ours.tolist(), reference, strict=True):
        if math.isnan(ref):
            only_ours += not math.isnan(mine)
        elif not math.isnan(mine) and abs(mine - ref) <= 1e-7 * max(1.0, abs(ref)):
            agree += 1
        else:
            differ += 1
    ours_median, theirs_median = statistics.median(ours_times), statistics.median(theirs_times)
    print(f"sets={args.sets} repeat={args.repeat}")
    print(f"pyxirr  median {theirs_median * 1000:8.1f} ms")
    print(f"ours    median {ours_median * 1000:8.1f} ms  ({ours_median / theirs_median:.2f}x)")
    print(f"agree={agree} differ={differ} root_only_ours={only_ours}")


if __name__ == "__main__":
    main()
