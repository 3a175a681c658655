"""A real ``meridian worker`` stopped with SIGTERM while the sandbox rail still has settlements
scheduled delivers them before it exits: every deposit it submitted is settled when the process
is gone (before, a SIGTERM dropped the settlements of the last ``settle_seconds``), and the
ledger and audit checks pass."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.api.banking.conftest import WEBHOOK, Banking
from tests.support.live_server import free_port, start_server, stop_server
from tests.support.processes import (
    assert_books_intact,
    eventually,
    meridian_env,
    start_worker,
    tail_of,
)

pytestmark = pytest.mark.slow
DEPOSITS = 4


async def states(banking: Banking, query: str) -> list[str]:
    async with banking.container.engine.connect() as conn:
        return list(await conn.scalars(text(query)))


async def test_sigterm_delivers_the_scheduled_settlements(
    banking: Banking, database_url: str, tmp_path: Path
) -> None:
    alice = await banking.user(level=2)
    for n in range(DEPOSITS):
        assert (await banking.deposit(alice, f"{100 + n}.00")).status_code == 201
    port = free_port()
    server = await asyncio.to_thread(start_server, database_url, port, tmp_path / "server.log")
    log = tmp_path / "worker.log"
    env = meridian_env(
        database_url,
        DATA_DIR=str(tmp_path),
        LOG_LEVEL="INFO",
        BANK_RAIL_SANDBOX_SETTLE_SECONDS="300",  # far beyond the test: only the stop delivers
        BANK_RAIL_SANDBOX_CALLBACK_URL=f"http://127.0.0.1:{port}{WEBHOOK}",
        BANK_RAIL_RECONCILE_AFTER_SECONDS="3600",  # reconciliation stays out of it
    )
    worker = start_worker(env, log)
    try:

        async def all_submitted() -> bool:
            found = await states(banking, "SELECT state FROM banking_rail_instructions")
            return found == ["submitted"] * DEPOSITS

        await eventually(all_submitted, within=60, what="the worker submits", log=log)
        pending = await states(banking, "SELECT state FROM banking_deposits")
        assert pending == ["pending"] * DEPOSITS  # scheduled, not settled
        worker.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(worker.wait, 30) == 0
        settled = await states(banking, "SELECT state FROM banking_deposits")
        assert settled == ["completed"] * DEPOSITS, tail_of(log)
        assert (await banking.balance(alice))["available"] == f"{100 * DEPOSITS + 6}.00"
        await assert_books_intact(database_url)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        stop_server(server)
