"""Random cash-flow sets for the differential test and the XIRR benchmark, reproducible from a
seed. They have the shapes private investments have: capital calls and fees early,
distributions later and a final NAV, with gains and losses of every size (total losses, tenfold
gains in months), calls after distributions (several sign changes), and sets with nothing but
calls (no rate exists)."""

from __future__ import annotations

import random
from datetime import date, timedelta

START = date(2000, 1, 1)


def flow_set(rng: random.Random) -> tuple[list[date], list[float]]:
    count = rng.randint(2, 40)
    horizon = rng.choice([365, 365 * 2, 365 * 5, 365 * 12, 365 * 25])
    offsets = sorted(rng.randint(1, horizon) for _ in range(count - 1))
    first = START + timedelta(days=rng.randint(0, 3650))
    dates = [first] + [first + timedelta(days=o) for o in offsets]
    shape = rng.random()
    multiple = 10 ** rng.uniform(-0.6, 1)  # what comes back per unit paid in: 0.25x to 10x
    calls = [0] + [
        at
        for at in range(1, count)
        if shape < 0.08 or rng.random() < 0.6 * (1 - at / max(count - 1, 1)) ** 2
    ]
    amounts = [0.0] * count
    for at in calls:
        amounts[at] = -rng.uniform(10, 1e6)
    # Nothing comes back in the first half year.
    received = [at for at in range(count) if at not in calls and offsets_of(dates, at) >= 180]
    calls += [at for at in range(count) if at not in calls and at not in received]
    for at in calls:
        if amounts[at] == 0:
            amounts[at] = -rng.uniform(10, 1e5)
    paid_in = -sum(amounts)
    weights = [rng.random() for _ in received]
    for at, weight in zip(received, weights, strict=True):
        amounts[at] = paid_in * multiple * weight / sum(weights)
    return dates, [round(a, 2) for a in amounts]


def offsets_of(dates: list[date], at: int) -> int:
    return (dates[at] - dates[0]).days


def flow_sets(count: int, seed: int = 20) -> list[tuple[list[date], list[float]]]:
    rng = random.Random(seed)
    return [flow_set(rng) for _ in range(count)]
