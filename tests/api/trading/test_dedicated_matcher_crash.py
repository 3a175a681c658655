"""Dedicated matcher processes (``meridian matcher``) behind an API server that only forwards
(``TRADING_MATCHERS=dedicated``), all real processes on one database and one Redis:

- the matcher and the server both killed with SIGKILL in the middle of an order stream, then
  restarted: what they hold is the replay of the acknowledged orders (``crash_replay``);
- the owning matcher alone killed with SIGKILL while a standby waits: the standby takes its
  partitions over and every order of the stream is answered (none lost, none 503), the dead
  one's in-flight requests included, and the result is again the replay."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from redis.asyncio import Redis
from sqlalchemy import text

from tests.api.trading.conftest import Trading
from tests.api.trading.crash_replay import (
    ORDERS,
    assert_the_replay,
    order_stream,
    run_until_killed,
)
from tests.support.live_server import PROJECT_ROOT, free_port, start_process, uvicorn_command

PARTITIONS = 8
HELD = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 29810 "
    "AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


@pytest.fixture
def dedicated(redis_namespace: str) -> dict[str, str]:
    return {
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "REDIS_NAMESPACE": redis_namespace,
        "TRADING_MATCHERS": "dedicated",
        "TRADING_PARTITIONS": str(PARTITIONS),
        "TRADING_FORWARD_TIMEOUT_SECONDS": "60",
    }


def start_matcher(database_url: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    environment |= {"APP_ENV": "test", "LOG_LEVEL": "WARNING", "DATABASE_URL": database_url}
    environment |= env
    command = [sys.executable, "-m", "infrastructure.cli.main", "matcher", "--partitions", "any"]
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=environment, stdout=log.open("a"), stderr=subprocess.STDOUT
    )


async def owned(trading: Trading) -> int:
    async with trading.container.engine.connect() as connection:
        return int(await connection.scalar(HELD) or 0)


async def until(check: Callable[[], Awaitable[bool]], what: str, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {within:.0f} s")


async def drained(redis: Redis, namespace: str) -> bool:
    """Nothing queued or in flight for any partition (a restarted matcher ran it all)."""
    for partition in range(PARTITIONS):
        for kind in ("requests", "inflight"):
            if await redis.llen(f"{namespace}:trading:{kind}:{partition}"):
                return False
    return True


def server_with(
    database_url: str, env: dict[str, str], port: int, log: Path
) -> subprocess.Popen[bytes]:
    return start_process(uvicorn_command(port), database_url, port, log, env)


async def test_kill_9_the_matcher_and_the_server_then_restart_gives_the_replay(
    trading: Trading,
    database_url: str,
    tmp_path: Path,
    dedicated: dict[str, str],
    redis_client: Redis,
) -> None:
    buyers = [await trading.investor(usd="200000.00") for _ in range(2)]
    sellers = [await trading.investor() for _ in range(2)]
    for seller in sellers:
        await trading.give(seller, "SOL-USD", "2000", places=2)
    port, log = free_port(), tmp_path / "processes.log"
    matcher = start_matcher(database_url, dedicated, log)
    server: subprocess.Popen[bytes] | None = None
    try:
        await until(lambda: _all_owned(trading), "the matcher owning every partition")
        server = await asyncio.to_thread(server_with, database_url, dedicated, port, log)
        stream = order_stream(buyers, sellers)
        acknowledged = await run_until_killed(port, [matcher, server], stream)
        assert 0 < len(acknowledged) < ORDERS, "the kill came before or after the stream"
        await until(lambda: _none_owned(trading), "the dead matcher's locks going")

        matcher = start_matcher(database_url, dedicated, log)
        await until(lambda: _all_owned(trading), "the restarted matcher owning every partition")
        namespace = dedicated["REDIS_NAMESPACE"]
        await until(lambda: drained(redis_client, namespace), "the queued requests running")
        server = await asyncio.to_thread(server_with, database_url, dedicated, port, log)
        await assert_the_replay(trading, database_url, port, acknowledged, buyers, sellers)
    finally:
        for process in (server, matcher):
            if process is not None:
                process.kill()
                process.wait(timeout=10)


async def test_a_standby_takes_over_a_killed_matcher_and_answers_every_order(
    trading: Trading,
    database_url: str,
    tmp_path: Path,
    dedicated: dict[str, str],
) -> None:
    buyers = [await trading.investor(usd="200000.00") for _ in range(2)]
    sellers = [await trading.investor() for _ in range(2)]
    for seller in sellers:
        await trading.give(seller, "SOL-USD", "2000", places=2)
    port, log = free_port(), tmp_path / "processes.log"
    first = start_matcher(database_url, dedicated, log)
    standby: subprocess.Popen[bytes] | None = None
    server: subprocess.Popen[bytes] | None = None
    try:
        await until(lambda: _all_owned(trading), "the first matcher owning every partition")
        standby = start_matcher(database_url, dedicated, log)  # owns nothing while first lives
        server = await asyncio.to_thread(server_with, database_url, dedicated, port, log)
        answers: dict[str, int] = {}
        acknowledged = await run_until_killed(
            port, [first], order_stream(buyers, sellers), answers=answers, wait=90
        )
        assert standby.poll() is None
        assert await owned(trading) == PARTITIONS  # the standby took every partition over
        assert len(answers) == ORDERS
        assert sorted(set(answers.values())) == [201], {
            k: v for k, v in answers.items() if v != 201
        }  # every order answered and placed: none lost, none matcher_unavailable
        assert len(acknowledged) == ORDERS
        await assert_the_replay(trading, database_url, port, acknowledged, buyers, sellers)
    finally:
        for process in (server, standby, first):
            if process is not None:
                process.kill()
                process.wait(timeout=10)


async def _all_owned(trading: Trading) -> bool:
    return await owned(trading) == PARTITIONS


async def _none_owned(trading: Trading) -> bool:
    return await owned(trading) == 0
