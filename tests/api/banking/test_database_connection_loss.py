"""``pg_terminate_backend`` on a real server's database connections in the middle of a burst
of deposits: a request whose connection is lost answers 503 problem+json
``database_unavailable`` with ``Retry-After``, never 500; nothing is half-committed, so
retrying each refused request with its ``Idempotency-Key`` makes exactly one deposit of it, and
``meridian ledger check`` and ``audit verify`` pass."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.api.banking.conftest import Banking
from tests.support.live_server import free_port, start_server, stop_server
from tests.support.processes import assert_books_intact

pytestmark = pytest.mark.slow
REQUESTS = 120
TERMINATE = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND application_name = 'meridian'"
)


async def test_terminated_connections_answer_503_and_commit_nothing_half(
    banking: Banking, database_url: str, tmp_path: Path
) -> None:
    alice = await banking.user(level=2)
    port = free_port()
    log = tmp_path / "server.log"
    server = await asyncio.to_thread(start_server, database_url, port, log)
    answers: dict[int, httpx.Response] = {}
    done = asyncio.Event()
    terminated = 0
    # the terminator's own connection, under another name: it must not kill itself, nor use
    # the suite's pool, whose connections (named "meridian" too) it terminates
    admin = await asyncpg.connect(
        database_url.replace("postgresql+asyncpg://", "postgresql://", 1),
        server_settings={"application_name": "test-terminator"},
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as live:

            async def deposit(n: int) -> httpx.Response:
                return await live.post(
                    "/api/v1/banking/deposits",
                    headers=alice.headers | {"Idempotency-Key": f"terminate-{n}"},
                    json={"amount": f"{n + 1}.00", "currency": "INR", "method": "imps"},
                )

            async def burst() -> None:
                gate = asyncio.Semaphore(8)

                async def one(n: int) -> None:
                    async with gate:
                        answers[n] = await deposit(n)

                await asyncio.gather(*(one(n) for n in range(REQUESTS)))
                done.set()

            async def terminator() -> None:
                nonlocal terminated
                while not done.is_set():
                    terminated += int(await admin.fetchval(TERMINATE) or 0)
                    await asyncio.sleep(0.3)

            await asyncio.gather(burst(), terminator())
            assert terminated > 0
            statuses = sorted({r.status_code for r in answers.values()})
            assert set(statuses) <= {201, 503}, [
                (r.status_code, r.text) for r in answers.values() if r.status_code not in (201, 503)
            ]
            refused = [n for n, r in answers.items() if r.status_code == 503]
            assert refused, "no request met a terminated connection"
            for n in refused:
                problem = answers[n]
                assert problem.headers["content-type"].startswith("application/problem+json")
                assert problem.json()["code"] == "database_unavailable"
                assert int(problem.headers["Retry-After"]) >= 1
            for n in refused:  # nothing was half-committed: the retry makes the one deposit
                again = await deposit(n)
                assert again.status_code == 201, again.text
        count = await admin.fetchval("SELECT count(*) FROM banking_deposits")
        keys = await admin.fetchval(
            "SELECT count(*) FROM idempotency_keys WHERE key LIKE 'terminate-%'"
        )
        assert (count, keys) == (REQUESTS, REQUESTS)
        await assert_books_intact(database_url)
    finally:
        stop_server(server)
        await admin.close()
        # the suite's pool lost connections too; with no pre-ping, start it afresh
        await banking.container.engine.dispose()
