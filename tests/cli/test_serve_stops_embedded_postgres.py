"""Stopping ``meridian serve --demo`` (what ``make run`` runs) with SIGTERM or SIGINT (Ctrl-C)
stops the embedded PostgreSQL it started; after a SIGKILL, ``meridian stop-db`` (``make stop``)
stops the stray one. Real processes, one data directory (initialised once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.live_server import free_port, start_process

MERIDIAN = str(Path(sys.executable).with_name("meridian"))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("run")


def postmaster_pid(pgdata: Path) -> int | None:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return None
    return int(pid_file.read_text().split()[0])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.2)
    return False


def serve_and_stop(data: Path, stop_with: signal.Signals) -> int:
    """Start the demo server on the embedded default, stop it; the postmaster's pid."""
    port = free_port()
    server = start_process(
        [MERIDIAN, "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)],
        None,  # no DATABASE_URL: the embedded default, as in `make run`
        port,
        data / "serve.log",
        {"DATA_DIR": str(data)},
        within=240,
    )
    try:
        pid = postmaster_pid(data / "pg")
        assert pid is not None, "the embedded PostgreSQL is not running"
        assert alive(pid)
        server.send_signal(stop_with)
        server.wait(timeout=60)
        return pid
    finally:
        if server.poll() is None:
            server.kill()


def stop_db(data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DATA_DIR": str(data)}
    return subprocess.run(
        [MERIDIAN, "stop-db"], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_demo_server_stops_its_embedded_postgres(
    data: Path, stop_with: signal.Signals
) -> None:
    pid = serve_and_stop(data, stop_with)
    try:
        assert gone_within(pid, 30), f"PostgreSQL {pid} still runs after {stop_with.name}"
        assert postmaster_pid(data / "pg") is None
        log = (data / "serve.log").read_text()
        # stopped once and cleanly: no second stop that fails and kills
        assert "Failed to stop server" not in log, log[-2000:]
        assert '"level": "ERROR"' not in log, log[-2000:]
    finally:
        stop_db(data)


def test_stop_db_stops_the_postgres_of_a_killed_server(data: Path) -> None:
    pid = serve_and_stop(data, signal.SIGKILL)  # nothing of ours runs: PostgreSQL is left
    assert alive(pid)
    stopped = stop_db(data)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert "Stopped the embedded PostgreSQL" in stopped.stdout + stopped.stderr
    assert gone_within(pid, 30)
    again = stop_db(data)
    assert "No embedded PostgreSQL running" in again.stdout + again.stderr
