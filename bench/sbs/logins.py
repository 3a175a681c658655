"""Logins next to a bare Argon2id verify, interleaved: a wrk run of ``POST /api/v1/auth/login``
(4 connections) with the CPU of Meridian's process group (supervisor and workers, from /proc)
read before it and after the server has gone quiet again (the logins in flight when wrk
stopped finish), less the idle server's own CPU over that time, divided by the sessions the
server opened meanwhile (one a successful login); then, in this process, the bare verification
of a hash with the server's parameters (argon2-cffi, no passlib, no I/O), CPU per verify from
``time.process_time``. The ratio is login CPU ÷ verify CPU. PostgreSQL's and Redis's CPU are
not in the login figure (their own processes)."""

from __future__ import annotations

import asyncio
import time

import asyncpg
from argon2 import PasswordHasher, Type

from infrastructure.config.settings import Settings
from sbs.context import Bench, median, rounds_text
from sbs.processes import Managed
from sbs.wrk import run_wrk

PASSWORD = "bench kettle orbit sandal"  # noqa: S105  (identity_seed.py's default)


def bare_verify_cpu_ms(hasher: PasswordHasher, stored: str, count: int) -> float:
    started = time.process_time()
    for _ in range(count):
        hasher.verify(stored, PASSWORD)
    return (time.process_time() - started) * 1000 / count


async def _sessions(url: str) -> int:
    """Sessions opened so far: one a successful login, counted by the server's own writes."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return int(await conn.fetchval("SELECT count(*) FROM auth_sessions"))
    finally:
        await conn.close()


def _wait_quiet(proc: Managed, *, limit: float = 60.0) -> None:
    """Until the server group uses under 2 % of a core over half a second."""
    deadline = time.monotonic() + limit
    last = proc.cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = proc.cpu_seconds()
        if now - last < 0.01:
            return
        last = now


def _idle_rate(proc: Managed, seconds: float = 3.0) -> float:
    """CPU seconds a second the server group uses with no request."""
    before = proc.cpu_seconds()
    time.sleep(seconds)
    return (proc.cpu_seconds() - before) / seconds


def run_logins(bench: Bench) -> None:
    p = bench.profile
    assert bench.meridian is not None
    server = bench.meridian
    settings = Settings()
    hasher = PasswordHasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_kib,
        parallelism=settings.argon2_parallelism,
        type=Type.ID,
    )
    stored = hasher.hash(PASSWORD)
    env = {"BENCH_ACCOUNTS": str(p.accounts), "BENCH_PASSWORD": PASSWORD}
    # few connections: CPU ÷ logins answered is then barely skewed by the logins in flight
    # when wrk starts and stops (at 50 logins/s, 4 in flight against hundreds answered)
    connections = 4

    def login_round(seconds: float) -> tuple[float, float]:
        sessions_before = asyncio.run(_sessions(server.database_url))
        cpu_before, started = server.proc.cpu_seconds(), time.monotonic()
        result = run_wrk("login", server.base, seconds=seconds, connections=connections, env=env)
        _wait_quiet(server.proc)  # the logins still in flight when wrk stopped finish
        elapsed = time.monotonic() - started
        cpu = server.proc.cpu_seconds() - cpu_before - idle * elapsed
        done = asyncio.run(_sessions(server.database_url)) - sessions_before
        if result.errors:
            bench.errors.append(f"logins: {result.errors} errors of {result.requests}")
        per_login = cpu * 1000 / done if done else float("nan")
        bench.log(
            f"  logins {result.rps:8.1f}/s  p99 {result.p99_ms:8.1f} ms  server CPU less idle "
            f"{cpu:6.2f} s / {done} sessions = {per_login:6.2f} ms a login  errors {result.errors}"
        )
        return result.rps, per_login

    bench.log(
        f"\n## logins next to a bare Argon2id verify (m={settings.argon2_memory_kib} KiB, "
        f"t={settings.argon2_time_cost}, p={settings.argon2_parallelism}): {p.rounds} rounds, "
        f"{p.login_seconds:.0f} s of logins at {connections} connections, "
        f"{p.bare_verifies} bare verifies"
    )
    _wait_quiet(server.proc)
    idle = _idle_rate(server.proc)  # the idle server's own CPU (event loops, health pings)
    bench.log(f"  idle server: {idle * 1000:.1f} ms of CPU a second (subtracted)")
    login_round(p.warmup_seconds)
    bare_verify_cpu_ms(hasher, stored, 2)
    rates, login_ms, bare_ms = [], [], []
    for r in range(p.rounds):
        rate, per_login = login_round(p.login_seconds)
        rates.append(rate)
        if per_login == per_login:  # NaN: no login answered in the round
            login_ms.append(per_login)
        else:
            bench.errors.append(f"logins round {r + 1}: none answered in {p.login_seconds:.0f} s")
        bare = bare_verify_cpu_ms(hasher, stored, p.bare_verifies)
        bare_ms.append(bare)
        bench.log(f"  round {r + 1}: bare Argon2id verify {bare:6.2f} ms CPU")
    bench.log(
        f"  login CPU ms: {rounds_text(login_ms, '{:.2f}')}; "
        f"bare verify CPU ms: {rounds_text(bare_ms, '{:.2f}')}"
    )
    bench.compare(
        "login CPU vs one bare Argon2id verify",
        median(login_ms),
        median(bare_ms),
        "ms CPU",
        "≤ 1.3x",
        lambda x: x <= 1.3,
    )
    bench.add_info("(info) logins/s", f"{median(rates):,.1f} logins/s")
