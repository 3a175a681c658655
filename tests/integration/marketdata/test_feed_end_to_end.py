"""The whole chain on a real two-worker server and Redis, nothing published by the test: orders
placed over HTTP, matched by the engine, committed, published by the matcher, fanned out by
the workers. A client's level2 copy (snapshot, then deltas) ends equal to the book the REST
depth shows, every checksum proves the copy it follows, the trade arrives on the trades
stream, and each user's private stream carries that user's orders and fills only."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx

from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.shared.ids import UserId
from tests.api.banking.conftest import kyc_level
from tests.integration.marketdata.books import Levels, apply, checksum
from tests.integration.marketdata.conftest import FeedServer, receive, receive_until, send
from tests.support.accounts import Account, Accounts
from tests.support.ledger import LedgerDriver

SYMBOL = "SOL-USD"


async def _trader(accounts: Accounts, *, usd: str = "0", sol: str = "0") -> Account:
    """A KYC-verified user holding ``usd`` and ``sol`` (as a deposit and a transfer in would
    leave them)."""
    who = await accounts.register()
    await kyc_level(accounts.client, who, 2)
    user = UserId(who.user["id"])
    ledger = LedgerDriver(accounts.container.session_factory, accounts.container.clock)
    if usd != "0":
        await ledger.deposit(await ledger.user_cash(Asset.currency("USD"), user), usd)
    if sol != "0":
        asset = Asset.instrument(SYMBOL, 2)
        source = await ledger.open(AccountSpec(None, AccountKind.SUSPENSE, asset))
        target = await ledger.open(AccountSpec(user, AccountKind.USER_SECURITIES, asset))
        await ledger.transfer(source, target, sol)
    return who


async def _order(client: httpx.AsyncClient, who: Account, **order: Any) -> dict[str, Any]:
    headers = {**who.headers, "Idempotency-Key": str(uuid.uuid4())}
    body = {"symbol": SYMBOL, "order_type": "limit", "time_in_force": "gtc", **order}
    response = await client.post("/api/v1/trading/orders", headers=headers, json=body)
    assert response.status_code == 201, response.text
    placed: dict[str, Any] = response.json()
    return placed


async def _rest_book(client: httpx.AsyncClient, who: Account) -> tuple[Levels, Levels]:
    sides = []
    for side in ("buy", "sell"):
        page = await client.get(
            f"/api/v1/trading/instruments/{SYMBOL}/book",
            headers=who.headers,
            params={"side": side, "limit": 50},
        )
        assert page.status_code == 200, page.text
        sides.append([[lvl["price"], lvl["quantity"]] for lvl in page.json()["items"]])
    return sides[0], sides[1]


def _same(a: Levels, b: Levels) -> bool:
    return [[Decimal(p), Decimal(q)] for p, q in a] == [[Decimal(p), Decimal(q)] for p, q in b]


async def test_orders_through_the_engine_reach_feed_clients_exactly(
    feed_server: FeedServer, feed_accounts: Accounts
) -> None:
    seller = await _trader(feed_accounts, sol="10")
    buyer = await _trader(feed_accounts, usd="10000")
    client = feed_accounts.client
    async with (
        feed_server.client() as public,
        feed_server.client() as buyer_ws,
        feed_server.client() as seller_ws,
    ):
        subscribe = {"type": "subscribe", "channels": ["level2", "trades"], "symbols": [SYMBOL]}
        await send(public, subscribe)
        await receive_until(public, "subscribed")
        for ws, who in ((buyer_ws, buyer), (seller_ws, seller)):
            await send(ws, {"type": "auth", "token": who.tokens["access_token"]})
            await receive_until(ws, "authenticated")
            await send(ws, {"type": "subscribe", "channels": ["orders"]})
            await receive_until(ws, "subscribed")
        snapshot = await receive_until(public, "level2", action="snapshot")
        bids, asks, sequence = snapshot["bids"], snapshot["asks"], snapshot["sequence"]
        assert snapshot["checksum"] == checksum(bids, asks)

        mine = {
            "seller": [
                (await _order(client, seller, side="sell", quantity="1.00", price="151.00"))["id"],
                (await _order(client, seller, side="sell", quantity="2.00", price="152.00"))["id"],
            ],
            "buyer": [
                (await _order(client, buyer, side="buy", quantity="1.50", price="149.00"))["id"],
            ],
        }
        taker = await _order(client, buyer, side="buy", quantity="1.50", price="151.50")
        mine["buyer"].append(taker["id"])
        assert taker["status"] == "partially_filled", taker  # 1.00 at 151.00, 0.50 rests

        rest_bids, rest_asks = await _rest_book(client, buyer)
        assert len(rest_bids) == 2
        assert len(rest_asks) == 1
        trades: list[dict[str, Any]] = []
        while not (_same(bids, rest_bids) and _same(asks, rest_asks) and trades):
            frame = await receive(public, within=10)
            if frame["type"] == "trades":
                trades.append(frame["data"])
                continue
            if frame["type"] != "level2":
                continue
            if frame.get("action") == "snapshot":
                bids, asks = frame["bids"], frame["asks"]
            else:
                assert frame["previous"] == sequence, frame
                bids = apply(bids, frame["bids"], bids=True)
                asks = apply(asks, frame["asks"], bids=False)
            sequence = frame["sequence"]
            assert frame["checksum"] == checksum(bids, asks), frame
        assert [(t["price"], t["quantity"], t["taker_side"]) for t in trades] == [
            ("151.00", "1.00", "buy")
        ]

        for ws, name in ((buyer_ws, "buyer"), (seller_ws, "seller")):
            seen: set[str] = set()
            while not set(mine[name]) <= seen:
                update = (await receive_until(ws, "orders", within=10))["data"]
                order = update["order"] if update["event"] == "order" else update["fill"]
                order_id = order["id"] if update["event"] == "order" else order["order_id"]
                assert order_id in mine[name], f"{name} got another user's update: {update}"
                seen.add(order_id)
