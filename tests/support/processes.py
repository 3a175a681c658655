"""Real ``meridian`` processes for fault tests: a worker to stop or kill, CLI checks, and a
bounded wait for a condition."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from tests.support.live_server import PROJECT_ROOT


def meridian_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "APP_ENV": "test", "DATABASE_URL": database_url, **extra}
    env.pop("REDIS_URL", None)
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """``meridian worker`` with ``env``, its output appended to ``log``."""
    return subprocess.Popen(
        [sys.executable, "-m", "infrastructure.cli.main", "worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )


async def meridian(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``meridian ARGS`` (e.g. ``ledger check``) to completion."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "infrastructure.cli.main", *args],
        cwd=PROJECT_ROOT,
        env=meridian_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


async def assert_books_intact(database_url: str) -> None:
    """``meridian ledger check`` and ``meridian audit verify`` both pass."""
    ledger = await meridian(database_url, "ledger", "check")
    assert ledger.returncode == 0, ledger.stdout + ledger.stderr
    audit = await meridian(database_url, "audit", "verify")
    assert audit.returncode == 0, audit.stdout + audit.stderr


def tail_of(log: Path) -> str:
    """The end of a process log, for an assertion message."""
    return log.read_text()[-3000:] if log.exists() else ""


async def eventually(
    condition: Callable[[], Awaitable[bool]], *, within: float, what: str, log: Path | None = None
) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``within`` seconds."""
    deadline = time.monotonic() + within
    while not await condition():
        if time.monotonic() > deadline:
            tail = tail_of(log) if log is not None else ""
            raise AssertionError(f"{what}: not within {within} s\n{tail}")
        await asyncio.sleep(0.2)
