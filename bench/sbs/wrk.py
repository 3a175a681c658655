"""One wrk run of a Lua scenario of bench/sbs/lua, parsed from the ``BENCH`` line that
bench/scenarios/lib/report.lua prints."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # non-2xx/3xx answers + socket errors and timeouts
    output: str

    @property
    def answered(self) -> int:
        """Requests answered 2xx/3xx within the run."""
        return max(self.requests - self.errors, 0)


def wrk_binary() -> str:
    found = shutil.which(os.environ.get("WRK", "wrk"))
    if found is None:
        raise SystemExit("wrk not found: apt-get install -y wrk (or set WRK=/path/to/wrk)")
    return found


def run_wrk(
    scenario: str,
    base_url: str,
    *,
    seconds: float,
    connections: int,
    threads: int = 2,
    headers: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> WrkResult:
    argv = [
        wrk_binary(),
        "--latency",
        "--timeout",
        "5s",
        "-t",
        str(min(threads, connections)),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(seconds))}s",
        "-s",
        str(LUA / f"{scenario}.lua"),
    ]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    argv.append(base_url)
    done = subprocess.run(
        argv,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk {scenario} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    m = dict(kv.split("=", 1) for kv in line.split()[1:])
    return WrkResult(
        requests=int(m["requests"]),
        rps=float(m["rps"]),
        p50_ms=float(m["p50_ms"]),
        p90_ms=float(m["p90_ms"]),
        p99_ms=float(m["p99_ms"]),
        max_ms=float(m["max_ms"]),
        errors=int(m["non2xx"]) + int(m["socket_errors"]) + int(m["failed_checks"]),
        output=done.stdout,
    )
