"""What every phase of the side-by-side run shares: the profile (quick or full), the running
servers, the result rows, and the log of raw rounds written to the results file."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sbs.processes import Managed


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    rounds: int  # interleaved rounds per comparison; figures are medians over them
    warmup_seconds: float  # one warm-up wrk run per target before the first round
    http_seconds: float
    connections: int  # wrk connections for the reads and the logins
    login_seconds: float
    bare_verifies: int  # bare Argon2id verifications per round
    deposit_seconds: float
    settle_window: float  # at most this long draining deposits
    ledger_entries: int  # use-case entries per round (8 clients)
    pgbench_seconds: float
    history_samples: int
    accounts: int  # login accounts
    investors: int


QUICK = Profile("quick", 2, 1, 3, 32, 4, 15, 3, 15, 320, 4, 40, 200, 4)
FULL = Profile("full", 5, 3, 8, 32, 8, 40, 8, 60, 1600, 10, 300, 1000, 8)


@dataclass(frozen=True, slots=True)
class Row:
    scenario: str
    figure: str
    reference: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None  # None: information only


@dataclass
class Meridian:
    proc: Managed
    base: str
    env: dict[str, str]  # the server's environment, reused by `meridian worker`
    database_url: str


@dataclass
class Bench:
    profile: Profile
    root: Path
    results: Path  # the results file (raw rounds appended)
    meridian: Meridian | None = None
    peer: tuple[Managed, str, str] | None = None  # process, base URL, token
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # non-2xx answers etc.: the run is suspect

    def log(self, line: str) -> None:
        print(line, flush=True)
        with self.results.open("a") as out:
            out.write(line + "\n")

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def add_info(self, scenario: str, figure: str, reference: str = "") -> None:
        self.rows.append(Row(scenario, figure, reference))

    def compare(
        self,
        scenario: str,
        figure: float,
        reference: float,
        unit: str,
        target: str,
        ok: Callable[[float], bool],
        ref_unit: str | None = None,
    ) -> None:
        usable = all(math.isfinite(v) and v > 0 for v in (figure, reference))
        ratio = figure / reference if usable else None
        if not usable:
            self.errors.append(f"{scenario}: no usable figure ({figure} vs {reference})")
        self.add(
            Row(
                scenario,
                f"{figure:,.1f} {unit}",
                f"{reference:,.1f} {ref_unit or unit}",
                ratio,
                target,
                ok(ratio) if ratio is not None else None,
            )
        )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rounds_text(values: list[float], fmt: str = "{:.1f}") -> str:
    return " / ".join(fmt.format(v) for v in values)
