"""A real uvicorn process serving the app on a loopback port, for tests that need a true server
(a generated SDK, a crash with ``kill -9``). It never runs background workers: a long-lived
server would otherwise deliver other tests' outbox messages and rail instructions."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def uvicorn_command(port: int, *options: str) -> list[str]:
    """uvicorn serving the app from the environment on ``port`` of 127.0.0.1."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "infrastructure.asgi:create_app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *options,
        "--no-access-log",
    ]


def start_server(
    database_url: str, port: int, log: Path, *, within: float = 120
) -> subprocess.Popen[bytes]:
    """Start uvicorn on ``port`` (output appended to ``log``) and wait until /healthz answers."""
    command = uvicorn_command(port)
    return start_process(command, database_url, port, log, within=within)


def start_process(
    command: list[str],
    database_url: str | None,
    port: int,
    log: Path,
    env: dict[str, str] | None = None,
    *,
    within: float = 120,
) -> subprocess.Popen[bytes]:
    """Start ``command`` (a server on ``port``) and wait until /healthz answers."""
    environment = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    environment.pop("REDIS_URL", None)  # single-process unless ``env`` gives one
    environment |= {"APP_ENV": "test", "LOG_LEVEL": "WARNING", "EMBEDDED_WORKER": "false"}
    environment |= env or {}
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    else:  # the embedded default
        environment.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited early; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"the server did not become healthy within {within:.0f} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
