"""The machinery of the kill -9 tests (``test_matcher_crash``, ``test_dedicated_matcher_crash``):
an order stream over HTTP stopped by a SIGKILL once enough of it is acknowledged, and the
check that what the restarted processes hold is the replay of the acknowledged orders."""

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
from collections import Counter
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text

from domain.trading.buying_power import buy_hold
from domain.trading.matching.book import OrderBook
from domain.trading.matching.events import Trade
from domain.trading.terms import Side, TimeInForce
from tests.api.trading.conftest import API, Trading, user_id
from tests.support.accounts import Account
from tests.support.processes import meridian

TICK, LOT = Decimal("0.01"), Decimal("0.01")
ORDERS = 400


def order_stream(
    buyers: list[Account], sellers: list[Account]
) -> list[tuple[Account, dict[str, Any]]]:
    draw = random.Random(17)
    stream = []
    for n in range(ORDERS):
        side = "buy" if draw.random() < 0.5 else "sell"
        who = draw.choice(buyers if side == "buy" else sellers)
        price = Decimal(15000 + draw.randint(-60, 60)) * TICK
        quantity = Decimal(draw.randint(10, 300)) * LOT
        body = {
            "symbol": "SOL-USD",
            "side": side,
            "order_type": "limit",
            "time_in_force": "gtc",
            "quantity": str(quantity),
            "price": str(price),
            "client_order_id": f"crash-{n}",
        }
        stream.append((who, body))
    return stream


async def run_until_killed(
    port: int,
    victims: list[subprocess.Popen[bytes]],
    stream: list[tuple[Account, dict[str, Any]]],
    *,
    answers: dict[str, int] | None = None,
    wait: float = 10,
) -> dict[str, dict[str, Any]]:
    """Send the stream 8 at a time; once 60 orders are acknowledged SIGKILL the ``victims``
    and let the rest of the stream run (into the dead server, or on to a survivor).
    ``answers`` gets each order's HTTP status (-1: no answer at all)."""
    acknowledged: dict[str, dict[str, Any]] = {}
    enough = asyncio.Event()
    lanes = asyncio.Semaphore(8)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=wait) as live:

        async def send(who: Account, body: dict[str, Any]) -> None:
            async with lanes:
                try:
                    made = await live.post(f"{API}/orders", headers=who.headers, json=body)
                except httpx.TransportError:
                    if answers is not None:
                        answers[body["client_order_id"]] = -1
                    return
            if answers is not None:
                answers[body["client_order_id"]] = made.status_code
            if made.status_code == 201:
                acknowledged[body["client_order_id"]] = made.json()
                if len(acknowledged) >= 60:
                    enough.set()

        task = asyncio.ensure_future(asyncio.gather(*(send(w, b) for w, b in stream)))
        await asyncio.wait(
            [asyncio.ensure_future(enough.wait()), task], return_when=asyncio.FIRST_COMPLETED
        )
        for victim in victims:
            victim.send_signal(signal.SIGKILL)
        for victim in victims:
            victim.wait(timeout=10)
        await task
    return acknowledged


async def assert_the_replay(
    trading: Trading,
    database_url: str,
    port: int,
    acknowledged: dict[str, dict[str, Any]],
    buyers: list[Account],
    sellers: list[Account],
) -> None:
    """After the restart: every acknowledged order is durable as acknowledged (or further),
    the fills are the trades of a fresh engine's replay of the committed orders, the restarted
    server's book (through its matcher) is the replay's, holds are what the resting orders
    need, positions follow the securities, and ``meridian ledger check`` passes."""
    async with trading.container.engine.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT id, sequence, user_id, side, price, quantity, filled_quantity, "
                    "open_quantity, client_order_id, resting FROM trading_orders "
                    "ORDER BY sequence"
                )
            )
        ).all()
        fills = (
            await connection.execute(
                text("SELECT trade_id, order_id, liquidity, price, quantity FROM trading_fills")
            )
        ).all()
    by_client = {r.client_order_id: r for r in rows}
    for client_id, answer in acknowledged.items():  # durable as acknowledged, or further
        row = by_client[client_id]
        assert str(row.id) == answer["id"]
        assert row.filled_quantity >= Decimal(answer["filled_quantity"])

    # the replay of every committed order, in the order the matcher took them
    book, trades = OrderBook(), Counter[tuple[int, int, int, int]]()
    for r in rows:
        events = book.place(
            r.sequence,
            r.user_id,
            Side(r.side),
            int(r.quantity / LOT),
            int(r.price / TICK),
            TimeInForce.GTC,
        )
        trades.update(
            (e.taker_id, e.maker_id, e.price, e.quantity) for e in events if isinstance(e, Trade)
        )
    sequence_of = {r.id: r.sequence for r in rows}
    recorded = Counter[tuple[int, int, int, int]]()
    by_trade: dict[Any, dict[str, Any]] = {}
    for f in fills:
        by_trade.setdefault(f.trade_id, {})[f.liquidity] = f
    for pair in by_trade.values():
        taker, maker = pair["taker"], pair["maker"]
        recorded[
            (
                sequence_of[taker.order_id],
                sequence_of[maker.order_id],
                int(taker.price / TICK),
                int(taker.quantity / LOT),
            )
        ] += 1
    assert recorded == trades
    assert {(r.sequence, r.open_quantity) for r in rows if r.resting} == {
        (s, q * LOT) for s, _, _, _, q in book.resting()
    }
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as live:
        for side in Side:  # the restarted server's book, from its own rebuild
            shown = await live.get(
                f"{API}/instruments/SOL-USD/book",
                headers=buyers[0].headers,
                params={"side": side.value, "limit": 200},
            )
            assert shown.status_code == 200, shown.text
            assert [(i["price"], i["quantity"], i["orders"]) for i in shown.json()["items"]] == [
                (f"{p * TICK:.2f}", f"{(q * LOT).normalize():f}", n)
                for p, q, n in book.depth(side, 200)
            ]

    # holds are exactly what the resting orders need; positions follow the securities
    for who in buyers:
        mine = [r for r in rows if r.user_id == user_id(who) and r.resting]
        needed = sum(
            (buy_hold(Decimal(0), r.open_quantity * r.price, 10, "USD") for r in mine),
            Decimal(0),
        )
        _, held = await trading.balance(who, "USD")
        assert held <= needed + len(mine) * Decimal("0.01")  # the fee rounds per order
        assert held >= needed - len(mine) * Decimal("0.01")
        sol, _ = await trading.balance(who, "SOL-USD")
        positions = (await trading.get("/positions", who)).json()["items"]
        assert [Decimal(p["quantity"]) for p in positions] == ([sol] if sol else [])
    for who in sellers:
        mine = [r for r in rows if r.user_id == user_id(who) and r.resting]
        _, held = await trading.balance(who, "SOL-USD")
        assert held == sum((r.open_quantity for r in mine), Decimal(0))
    checked = await meridian(database_url, "ledger", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
