"""Issue 14's side-by-side set in one run, interleaved, with ratios (see bench/README.md).

    .venv/bin/python bench/side_by_side.py [--quick] [--workers N] [--peer DIR] [--rounds R]
                                          [--phases reads logins deposits ledger history]

Starts ``meridian serve`` (N workers, loopback port, the PostgreSQL of DATABASE_URL on a scratch
database, the Redis of REDIS_URL under its own namespace) and the DRF peer (same N), seeds what
the scenarios need, runs each comparison in interleaved rounds (A, B, A, B ...; figures are
medians) and prints one table: scenario, figure, reference, ratio, target, met or missed.
``--quick`` (< 3 minutes) is the smoke run; the default profile is the full one. Everything it
starts is stopped on any exit (Ctrl-C included), and its scratch databases and Redis keys are
dropped. Exit status: 0 when every scenario ran cleanly (targets missed or not), 1 when a
scenario saw errors (non-2xx answers, server errors in its log), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
for entry in (str(ROOT / "src"), str(ROOT), str(BENCH)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from sbs import processes  # noqa: E402
from sbs.context import FULL, QUICK, Bench, Meridian  # noqa: E402
from sbs.report import render_table  # noqa: E402

PHASES = ("reads", "logins", "deposits", "ledger", "history")
LOCK = Path(tempfile.gettempdir()) / "meridian-bench-http.lock"  # shared with run_http.sh
NAMESPACE = "meridian_sbs"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke profile, < 3 minutes")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of both servers")
    parser.add_argument(
        "--peer",
        type=Path,
        default=ROOT.parent / "shared" / "peers" / "drf",
        help="the DRF peer's directory (default ../shared/peers/drf); skipped if absent",
    )
    parser.add_argument(
        "--peer-venv",
        type=Path,
        default=Path(os.environ.get("PEER_VENV") or ROOT / ".cache" / "peers-venv"),
        help="the peer's virtualenv, built on first use (default $PEER_VENV or .cache/peers-venv)",
    )
    parser.add_argument("--rounds", type=int, help="interleaved rounds (quick 2, full 5)")
    parser.add_argument("--seconds", type=float, help="length of each wrk run (quick 3-4, full 8)")
    parser.add_argument(
        "--phases", nargs="+", choices=PHASES, default=list(PHASES), help="default: all"
    )
    parser.add_argument(
        "--db-prefix", default="meridian_sbs", help="scratch database names (default meridian_sbs)"
    )
    return parser.parse_args()


def take_lock() -> object:
    handle = LOCK.open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"another benchmark holds {LOCK}; waiting (at most 15 min)", file=sys.stderr)
        deadline = time.monotonic() + 900
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"gave up waiting for {LOCK}") from None
                time.sleep(1)
    return handle


def machine_facts() -> str:
    cpu = "?"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else cpu
    mem_kib = 0
    with contextlib.suppress(OSError, AttributeError, ValueError):
        line = Path("/proc/meminfo").read_text().splitlines()[0]
        mem_kib = int(line.split()[1])
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {mem_kib / 2**20:.0f} GiB RAM, "
        f"Linux {platform.release()}, Python {platform.python_version()}"
    )


def git_describe() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def server_env(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "REDIS_NAMESPACE": NAMESPACE,
        "LOG_LEVEL": "WARNING",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",  # wrk plays the proxy for the login scenario
        "EMBEDDED_WORKER": "false",  # deposits stay pending until `meridian worker` runs
        "BANK_RAIL_SANDBOX_SETTLE_SECONDS": "0",
        "ACCESS_TOKEN_TTL_SECONDS": "3600",  # the full run outlasts the default 15 minutes
        "DATA_DIR": str(data_dir),
        "HTTP_WORKER_HEALTHCHECK_SECONDS": "60",  # workers start slowly on busy CPUs
    }


def start_meridian(bench: Bench, workers: int, database_url: str, env: dict[str, str]) -> None:
    port = processes.free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**env, "BANK_RAIL_SANDBOX_CALLBACK_URL": f"{base}/api/v1/banking/webhooks/rail"}
    argv = [str(ROOT / ".venv" / "bin" / "meridian"), "serve", "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--workers", str(workers)]
    proc = processes.Managed(
        "meridian serve", argv, cwd=ROOT, env=env, log=bench.results.with_suffix(".server.log")
    )
    processes.wait_http(f"{base}/healthz", proc, timeout=120)
    bench.meridian = Meridian(proc, base, env, database_url)


def server_log_errors(log: Path) -> int:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return 0
    return len(re.findall(r'"level": *"(?:ERROR|CRITICAL)"|Traceback', text))


def cleanup_redis(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(f"{NAMESPACE}*", count=1000))
        for i in range(0, len(keys), 500):
            client.delete(*keys[i : i + 500])
    finally:
        client.close()


def main() -> int:
    args = parse_args()
    profile = QUICK if args.quick else FULL
    if args.rounds:
        profile = replace(profile, rounds=args.rounds)
    if args.seconds:
        seconds = args.seconds
        profile = replace(
            profile, http_seconds=seconds, login_seconds=seconds, deposit_seconds=seconds
        )
    if not (ROOT / ".venv" / "bin" / "meridian").exists():
        print("no .venv: run 'make .venv/.installed'", file=sys.stderr)
        return 2
    http_phases = {"reads", "logins", "deposits"} & set(args.phases)
    if http_phases and shutil.which(os.environ.get("WRK", "wrk")) is None:
        print("wrk not found: apt-get install -y wrk (or set WRK=/path/to/wrk)", file=sys.stderr)
        return 2
    base_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/meridian_bench")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

    # imported late: the project's modules read nothing at import, but keep --help instant
    import identity_seed
    from sbs.deposits import run_deposits, run_settlement
    from sbs.history import run_history
    from sbs.http_reads import run_reads
    from sbs.investors import seed_investors
    from sbs.ledger import run_ledger
    from sbs.logins import run_logins
    from sbs.peer import ensure_venv, start_peer

    from infrastructure.database.url import with_database
    from tests.support.databases import drop_database, recreate_database

    lock = take_lock()
    processes.install_cleanup()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results_dir = BENCH / "results"
    results_dir.mkdir(exist_ok=True)
    results = results_dir / f"side-by-side-{stamp}-{profile.name}.txt"
    bench = Bench(profile, ROOT, results)
    work = Path(tempfile.mkdtemp(prefix="meridian-sbs-"))
    prefix = args.db_prefix
    app_db, peer_db = prefix, f"{prefix}_peer"
    created: list[str] = []
    started_at = time.monotonic()
    try:
        busy = processes.cpu_busy()
        bench.log(
            f"# bench/side_by_side.py {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} git {git_describe()}"
        )
        bench.log(f"# profile {profile.name}: {profile}")
        bench.log(
            f"# {machine_facts()}; CPUs {busy:.0f}% busy before the run; "
            f"{args.workers} workers each"
        )
        if busy >= 10:
            bench.log(
                f"# warning: CPUs {busy:.0f}% busy before the run: figures will be low "
                "and noisier; the ratios, taken from interleaved rounds, suffer less"
            )

        need_server = bool(http_phases)
        if need_server:
            url = asyncio.run(recreate_database(base_url, app_db))
            created.append(app_db)
            env = server_env(url, redis_url, work / "data")
            cleanup_redis(redis_url)
            os.environ.update(
                {
                    k: env[k]
                    for k in (
                        "DATABASE_URL",
                        "REDIS_URL",
                        "REDIS_NAMESPACE",
                        "ACCESS_TOKEN_TTL_SECONDS",
                        "DATA_DIR",
                    )
                }
            )
            bench.log("\n## start-up")
            start_meridian(bench, args.workers, url, env)
            assert bench.meridian is not None
            bench.log(f"  meridian serve --workers {args.workers} on {bench.meridian.base}")
            me_token = asyncio.run(identity_seed.seed(profile.accounts, with_token=True))
            assert me_token is not None
            bench.log(f"  seeded {profile.accounts} login accounts")
            if "deposits" in args.phases:
                tokens = asyncio.run(seed_investors(profile.investors))
                tokens_file = work / "investor-tokens.txt"
                tokens_file.write_text("\n".join(tokens) + "\n")
                bench.log(f"  seeded {len(tokens)} KYC-3 investors with bank accounts")
            if "reads" in args.phases:
                if (args.peer / "manage.py").exists():
                    ensure_venv(args.peer_venv)
                    asyncio.run(recreate_database(base_url, peer_db))
                    created.append(peer_db)
                    bench.peer = start_peer(
                        args.peer.resolve(),
                        args.peer_venv,
                        workers=args.workers,
                        database_url=base_url,
                        db_name=peer_db,
                        log=results.with_suffix(".peer.log"),
                    )
                    bench.log(f"  DRF peer (gunicorn -w {args.workers}) on {bench.peer[1]}")
                else:
                    bench.log(
                        f"  DRF peer not found at {args.peer} (--peer DIR): its "
                        "comparison is skipped"
                    )

            if "reads" in args.phases:
                run_reads(bench, me_token)
            if bench.peer is not None:
                bench.peer[0].stop()
                bench.peer = None
            if "logins" in args.phases:
                run_logins(bench)
            if "deposits" in args.phases:
                intake = run_deposits(bench, tokens_file)
                run_settlement(bench, intake)
            log = bench.meridian.proc.log
            bench.meridian.proc.stop()
            errors = server_log_errors(log)
            if errors:
                bench.errors.append(f"server log: {errors} error lines ({log})")
        if "ledger" in args.phases:
            run_ledger(bench, base_url, prefix, args.workers)
        if "history" in args.phases:
            run_history(bench, base_url, prefix)
    finally:
        processes.stop_all()
        for name in created:
            with contextlib.suppress(Exception):
                asyncio.run(drop_database(with_database(base_url, "postgres"), name))
        with contextlib.suppress(Exception):
            cleanup_redis(redis_url)
        shutil.rmtree(work, ignore_errors=True)
        del lock

    table = render_table(bench.rows)
    bench.log("\n## side by side (ratios from interleaved rounds in this run)\n")
    bench.log(table)
    for error in bench.errors:
        bench.log(f"error: {error}")
    bench.log(f"\n{time.monotonic() - started_at:.0f} s; results: {results}")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
