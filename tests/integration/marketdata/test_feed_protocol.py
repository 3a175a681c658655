"""The WebSocket feed over a real uvicorn server (two workers) and real Redis, with a real
WebSocket client: auth, subscriptions and their sequences, the older protocol, level2
snapshots and deltas that reproduce the book, the private channel, the limits."""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from domain.shared.clock import SystemClock
from infrastructure.config.settings import Settings
from infrastructure.identity.jwt_codec import LEEWAY
from infrastructure.wiring.identity.collaborators import token_codec
from tests.integration.marketdata.books import apply, checksum, state
from tests.integration.marketdata.conftest import (
    FeedServer,
    receive_until,
    send,
)
from tests.support.accounts import Accounts
from usecases.identity.authentication.ports import TokenType
from usecases.shared.ports.feed import FeedPublication


def trade(symbol: str, n: int) -> FeedPublication:
    return FeedPublication(
        "trades",
        symbol,
        {
            "trade_id": f"t{n}",
            "symbol": symbol,
            "price": "230.01",
            "quantity": "3",
            "taker_side": "buy",
            "time": "2026-12-01T12:00:00Z",
        },
    )


async def closed_with(ws: Any, within: float = 5.0) -> int:
    """Read until the server closes; the close code."""
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(ws.recv(), within)
    assert closed.value.rcvd is not None
    return int(closed.value.rcvd.code)


async def test_auth_accepts_an_access_token_and_refuses_a_bad_one_or_none_in_time(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    account = await feed_accounts.register()
    async with feed_server.client() as ws:
        await send(ws, {"type": "auth", "token": account.tokens["access_token"]})
        authenticated = await receive_until(ws, "authenticated")
        assert authenticated == {"type": "authenticated", "user_id": account.user["id"]}
    async with feed_server.client() as ws:
        await send(ws, {"type": "auth", "token": "not-a-token"})
        refused = await receive_until(ws, "error")
        assert refused["code"] == "token_invalid"
        assert await closed_with(ws) == 4001
    async with feed_server.client() as ws:  # says nothing at all
        timeout = await receive_until(ws, "error")
        assert timeout["code"] == "auth_timeout"
        assert await closed_with(ws) == 4002


async def test_subscriptions_carry_each_streams_sequence_and_old_clients_keep_working(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    account = await feed_accounts.register()
    async with feed_server.client() as ws, feed_server.client() as old:
        await send(ws, {"type": "subscribe", "channels": ["trades"], "symbols": ["AAPL"]})
        # heartbeats (every second here) may come first on a loaded machine
        subscribed = await receive_until(ws, "subscribed")
        start = subscribed["sequences"]["trades:AAPL"]
        # The older protocol: auth, then symbols only; channels default to the ticker.
        await send(old, {"type": "auth", "token": account.tokens["access_token"]})
        await receive_until(old, "authenticated")
        await send(old, {"type": "subscribe", "symbols": ["MSFT"]})
        old_subscribed = await receive_until(old, "subscribed")
        assert old_subscribed["channels"] == ["ticker"]
        first_ticker = old_subscribed["sequences"]["ticker:MSFT"]

        numbers = await feed_server.bus.publish([trade("AAPL", n) for n in range(5)])
        assert numbers == list(range(start + 1, start + 6))
        ticker = {"symbol": "MSFT", "last": "420.10", "best_bid": "420.00", "best_ask": "420.20"}
        await feed_server.bus.publish([FeedPublication("ticker", "MSFT", ticker, state=ticker)])

        got = [await receive_until(ws, "trades") for _ in range(5)]
        assert [f["sequence"] for f in got] == numbers
        assert got[0]["symbol"] == "AAPL"
        assert got[0]["data"]["trade_id"] == "t0"
        frame = await receive_until(old, "ticker")
        assert frame["sequence"] == first_ticker + 1
        assert frame["data"] == ticker
        beat = await receive_until(ws, "heartbeat")
        assert beat["sequences"] == {"trades:AAPL": numbers[-1]}

        await send(ws, {"type": "subscribe", "channels": ["trades"], "symbols": ["AAPL", "ZZZ9"]})
        unknown = await receive_until(ws, "error")
        assert (unknown["code"], unknown["symbols"]) == ("unknown_symbol", ["ZZZ9"])
        for bad, code in (
            ("{not json", "malformed_json"),
            (json.dumps({"type": "dance"}), "unknown_type"),
            (
                json.dumps({"type": "subscribe", "channels": ["news"], "symbols": ["AAPL"]}),
                "unknown_channel",
            ),
            (json.dumps({"type": "subscribe", "symbols": "AAPL"}), "invalid_message"),
        ):
            await ws.send(bad)
            assert (await receive_until(ws, "error"))["code"] == code
        await send(ws, {"type": "ping"})
        assert (await receive_until(ws, "pong"))["type"] == "pong"  # still served


def _levels(rng: random.Random, base: int, side: int) -> list[list[str]]:
    return [
        [f"{base + side * i}.{rng.randint(0, 99):02d}", str(rng.randint(1, 50))]
        for i in range(1, 13)
    ]


async def test_level2_snapshot_then_deltas_reproduce_the_book_and_its_checksums(
    feed_server: FeedServer,
) -> None:
    rng = random.Random(18)
    symbol = "TSLA"
    bids, asks = _levels(rng, 249, -1), _levels(rng, 250, 1)
    bids, asks = apply([], bids, bids=True), apply([], asks, bids=False)
    reset = state(symbol, bids, asks) | {"reset": True}
    await feed_server.bus.publish(
        [FeedPublication("level2", symbol, reset, state=state(symbol, bids, asks))]
    )
    async with feed_server.client() as ws:
        await send(ws, {"type": "subscribe", "channels": ["level2"], "symbols": [symbol]})
        await receive_until(ws, "subscribed")
        snapshot = await receive_until(ws, "level2")
        assert snapshot["action"] == "snapshot"
        copy_bids, copy_asks, last = snapshot["bids"], snapshot["asks"], snapshot["sequence"]
        assert (copy_bids, copy_asks) == (bids, asks)
        assert snapshot["checksum"] == checksum(copy_bids, copy_asks)

        for _ in range(30):  # the publisher's changes: levels changed, added, removed
            side_bids = rng.random() < 0.5
            levels = bids if side_bids else asks
            if levels and rng.random() < 0.3:
                change = [[rng.choice(levels)[0], "0"]]
            else:
                price = rng.randint(240, 248) if side_bids else rng.randint(251, 259)
                change = [[f"{price}.{rng.randint(0, 99):02d}", str(rng.randint(1, 9))]]
            if side_bids:
                bids = apply(bids, change, bids=True)
            else:
                asks = apply(asks, change, bids=False)
            book = state(symbol, bids, asks)
            data = book | {
                "reset": False,
                "bids": change if side_bids else [],
                "asks": [] if side_bids else change,
            }
            await feed_server.bus.publish([FeedPublication("level2", symbol, data, state=book)])

        for _ in range(30):
            delta = await receive_until(ws, "level2")
            assert delta["action"] == "delta"
            assert delta["previous"] == last
            copy_bids = apply(copy_bids, delta["bids"], bids=True)
            copy_asks = apply(copy_asks, delta["asks"], bids=False)
            assert checksum(copy_bids, copy_asks) == delta["checksum"]
            last = delta["sequence"]
        assert (copy_bids, copy_asks) == (bids, asks)  # the engine's book, level for level

        # A reset from the publisher: a fresh snapshot.
        bids = apply([], _levels(rng, 300, -1), bids=True)
        book = state(symbol, bids, asks)
        await feed_server.bus.publish(
            [FeedPublication("level2", symbol, book | {"reset": True}, state=book)]
        )
        fresh = await receive_until(ws, "level2")
        assert (fresh["action"], fresh["bids"], fresh["sequence"]) == ("snapshot", bids, last + 1)

        # A gap in the numbers (a message lost before this worker): a fresh snapshot too.
        redis = feed_server.bus._redis
        counter = f"{feed_server.live.namespace}:md:seq:level2:{symbol}"
        await redis.incr(counter)  # number last + 2 is consumed, its message never sent
        gap = await feed_server.bus.publish(
            [FeedPublication("level2", symbol, book | {"reset": False, "bids": []}, state=book)]
        )
        after_gap = await receive_until(ws, "level2")
        assert after_gap["action"] == "snapshot"
        assert after_gap["sequence"] == gap[0] == last + 3
        assert after_gap["checksum"] == checksum(after_gap["bids"], after_gap["asks"])


def order_update(user_id: str, n: int) -> FeedPublication:
    return FeedPublication(
        "orders",
        user_id,
        {"event": "fill", "fill": {"id": f"f{n}", "symbol": "AAPL", "price": "230.00"}},
    )


async def test_the_private_channel_delivers_only_the_users_own_updates(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    a, b = await feed_accounts.register(), await feed_accounts.register()
    async with feed_server.client() as wa, feed_server.client() as wb, feed_server.client() as anon:
        for ws, account in ((wa, a), (wb, b)):
            await send(ws, {"type": "auth", "token": account.tokens["access_token"]})
            await receive_until(ws, "authenticated")
            await send(ws, {"type": "subscribe", "channels": ["orders"]})
            assert "orders" in (await receive_until(ws, "subscribed"))["sequences"]
        await send(anon, {"type": "subscribe", "channels": ["orders"]})
        assert (await receive_until(anon, "error"))["code"] == "auth_required"

        await feed_server.bus.publish(
            [
                order_update(b.user["id"], 1),
                order_update(a.user["id"], 2),
                order_update(b.user["id"], 3),
            ]
        )
        got_a = await receive_until(wa, "orders")
        assert got_a["data"]["fill"]["id"] == "f2"
        assert got_a["sequence"] >= 1
        got_b = [await receive_until(wb, "orders") for _ in range(2)]
        assert [f["data"]["fill"]["id"] for f in got_b] == ["f1", "f3"]
        assert got_b[1]["sequence"] == got_b[0]["sequence"] + 1
        beat = await receive_until(wa, "heartbeat")  # nothing else of B's came to A before it
        assert beat["sequences"] == {"orders": got_a["sequence"]}


async def test_logout_and_token_expiry_end_the_private_channel(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    account = await feed_accounts.register()
    codec = token_codec(Settings(_env_file=None, app_env="test"), SystemClock())
    claims = codec.decode(account.tokens["access_token"], expected=TokenType.ACCESS)
    # Valid for two more seconds (the codec allows LEEWAY of clock skew past the expiry).
    ends = datetime.now(UTC) - LEEWAY + timedelta(seconds=2)
    short = codec.encode(replace(claims, expires_at=ends))
    async with feed_server.client() as expiring, feed_server.client() as logged_out:
        for ws, token in ((expiring, short), (logged_out, account.tokens["access_token"])):
            await send(ws, {"type": "auth", "token": token})
            await receive_until(ws, "authenticated")
            await send(
                ws, {"type": "subscribe", "channels": ["orders", "trades"], "symbols": ["AAPL"]}
            )
            await receive_until(ws, "subscribed")
        ended = await receive_until(expiring, "error", within=8)
        assert ended["code"] == "token_expired"
        async with httpx.AsyncClient(base_url=feed_server.http) as http:
            out = await http.post("/api/v1/auth/logout", headers=account.headers)
            assert out.status_code == 204, out.text
        revoked = await receive_until(logged_out, "error", within=8)
        assert revoked["code"] in ("token_revoked", "session_revoked"), revoked
        beat = await receive_until(logged_out, "heartbeat")
        assert "orders" not in beat["sequences"]
        assert "trades:AAPL" in beat["sequences"]


async def test_limits_are_refused_with_their_codes(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    account = await feed_accounts.register()
    token = account.tokens["access_token"]
    async with feed_server.client() as ws:
        many = ["AAPL", "MSFT", "TSLA", "AMZN"]
        await send(
            ws,
            {
                "type": "subscribe",
                "channels": ["candles"],
                "symbols": many,
                "intervals": ["1m", "5m", "1h", "1d"],
            },
        )  # 16 streams, 12 allowed
        limit = await receive_until(ws, "error")
        assert (limit["code"], limit["limit"]) == ("subscription_limit", 12)
        for _ in range(14):  # 10 a second allowed
            await send(ws, {"type": "ping"})
        limited = await receive_until(ws, "error")  # heartbeats and pongs skipped
        assert limited["code"] == "rate_limited"
    await asyncio.sleep(1.1)
    async with feed_server.client() as first, feed_server.client() as second:
        for ws in (first, second):
            await send(ws, {"type": "auth", "token": token})
            await receive_until(ws, "authenticated")
        async with feed_server.client() as third:  # 2 connections a user, across workers
            await send(third, {"type": "auth", "token": token})
            refused = await receive_until(third, "error")
            assert (refused["code"], refused["limit"]) == ("too_many_connections", 2)
            assert await closed_with(third) == 4009
