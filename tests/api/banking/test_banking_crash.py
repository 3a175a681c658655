"""A real uvicorn process killed with SIGKILL in the middle of a burst of deposits (and their
webhooks) leaves the ledger consistent after a restart: ``meridian ledger check`` passes and
every acknowledged deposit, and every acknowledged settlement, is there."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from domain.banking.webhook_signature import HEADER, sign
from domain.shared.clock import SystemClock
from infrastructure.config.settings import DEV_WEBHOOK_SECRET
from tests.api.banking.conftest import WEBHOOK, Banking
from tests.support.live_server import PROJECT_ROOT, free_port, start_server


def _signed(event: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    header = sign(DEV_WEBHOOK_SECRET.encode(), body, at=SystemClock().now())
    return body, {HEADER: header, "Content-Type": "application/json"}


async def test_kill_9_mid_burst_leaves_the_ledger_consistent(
    banking: Banking, database_url: str, tmp_path: Path
) -> None:
    alice = await banking.user(level=2)
    port = free_port()
    log = tmp_path / "server.log"
    server = await asyncio.to_thread(start_server, database_url, port, log)
    enough = asyncio.Event()
    acknowledged: list[dict[str, Any]] = []
    settled: list[str] = []
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as live:

            async def deposit_and_settle(n: int) -> None:
                try:
                    made = await live.post(
                        "/api/v1/banking/deposits",
                        headers=alice.headers | {"Idempotency-Key": f"crash-{n}"},
                        json={"amount": f"{n + 1}.00", "currency": "INR", "method": "imps"},
                    )
                    if made.status_code != 201:
                        return
                    deposit = made.json()
                    acknowledged.append(deposit)
                    if len(acknowledged) >= 20:
                        enough.set()
                    body, headers = _signed(
                        {
                            "id": f"evt_crash_{n}",
                            "type": "deposit.completed",
                            "reference": f"deposit:{deposit['id']}",
                            "rail_reference": f"rail-{n}",
                            "amount": deposit["amount"],
                            "currency": "INR",
                        }
                    )
                    done = await live.post(WEBHOOK, content=body, headers=headers)
                    if done.status_code == 200:
                        settled.append(deposit["id"])
                except httpx.TransportError:
                    return

            async def burst() -> None:
                await asyncio.gather(*(deposit_and_settle(n) for n in range(200)))

            task = asyncio.create_task(burst())
            await asyncio.wait(
                [asyncio.ensure_future(enough.wait()), task], return_when=asyncio.FIRST_COMPLETED
            )
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
            await task
        assert acknowledged, "no deposit was acknowledged before the kill"
        assert len(acknowledged) < 200, "the burst finished before the kill"
        server = await asyncio.to_thread(start_server, database_url, port, log)
        async with banking.container.engine.connect() as connection:
            found = await connection.execute(text("SELECT id, state FROM banking_deposits"))
            rows = {str(i): s for i, s in found}
            credited = set(
                await connection.scalars(
                    text("SELECT reference FROM ledger_entries WHERE reference LIKE 'deposit:%'")
                )
            )
        for deposit in acknowledged:
            assert deposit["id"] in rows
        for deposit_id in settled:
            assert rows[deposit_id] == "completed"
            assert f"deposit:{deposit_id}" in credited
        completed = {i for i, s in rows.items() if s == "completed"}
        assert {f"deposit:{i}" for i in completed} == credited
        checked = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "infrastructure.cli.main", "ledger", "check"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": database_url, "APP_ENV": "test"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "ledger consistent" in checked.stdout
    finally:
        server.kill()
        server.wait(timeout=10)
