"""A real server killed with SIGKILL in the middle of an order stream, then restarted: every
acknowledged order is in the database as acknowledged (or further along), the restarted
server's book is exactly the replay of the committed orders through a fresh engine, the fills
are the replay's trades, every hold is what the resting orders need, positions match the
securities accounts, and ``meridian ledger check`` passes (the machinery: ``crash_replay``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.api.trading.conftest import Trading
from tests.api.trading.crash_replay import (
    ORDERS,
    assert_the_replay,
    order_stream,
    run_until_killed,
)
from tests.support.live_server import free_port, start_server


async def test_kill_9_mid_stream_then_restart_gives_the_replay(
    trading: Trading, database_url: str, tmp_path: Path
) -> None:
    buyers = [await trading.investor(usd="200000.00") for _ in range(2)]
    sellers = [await trading.investor() for _ in range(2)]
    for seller in sellers:
        await trading.give(seller, "SOL-USD", "2000", places=2)
    port, log = free_port(), tmp_path / "server.log"
    server = await asyncio.to_thread(start_server, database_url, port, log)
    try:
        acknowledged = await run_until_killed(port, [server], order_stream(buyers, sellers))
        assert 0 < len(acknowledged) < ORDERS, "the kill came before or after the stream"
        server = await asyncio.to_thread(start_server, database_url, port, log)
        await assert_the_replay(trading, database_url, port, acknowledged, buyers, sellers)
    finally:
        server.kill()
        server.wait(timeout=10)
