"""The matcher: 100 concurrent buys against cash that covers only some never overdraw (each
refused one holds nothing) and are journalled in far fewer commits than orders (group commit);
a new matcher rebuilt from the database has exactly the old one's book; DAY and GTD orders
expire through the worker's job, which releases what they held."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from uuid import UUID

from adapters.persistence.trading.partition_locks import SqlPartitionLocks
from adapters.persistence.trading.unit_of_work import TradingUnitOfWork
from domain.shared.actor import Actor
from domain.shared.clock import ensure_utc
from domain.trading.terms import OrderType, Side
from infrastructure.wiring.kyc import kyc_gate
from infrastructure.wiring.trading import matcher_of, trading_config, unit_of_work
from tests.api.trading.conftest import API, Trading, user_id
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Look
from usecases.trading.orders.expire_orders import ExpireOrders, ExpireOrdersHandler
from usecases.trading.orders.place_order import PlaceOrder, PlaceOrderHandler

D = Decimal


async def test_a_hundred_concurrent_buys_never_overdraw_and_share_commits(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")  # each buy holds 150.15: six fit
    before = matcher_of(trading.container).batches
    responses = await asyncio.gather(
        *(
            trading.place(buyer, symbol="SOL-USD", side="buy", quantity="1", price="150.00")
            for _ in range(100)
        )
    )
    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 6, [r.text for r in responses if r.status_code != 422][:3]
    assert statuses.count(422) == 94
    assert {r.json()["code"] for r in responses if r.status_code == 422} == {"insufficient_funds"}
    assert await trading.balance(buyer, "USD") == (D("1000.00"), D("900.90"))
    assert await trading.count("trading_orders") == 6
    commits = matcher_of(trading.container).batches - before
    assert commits < 50, f"{commits} commits for 100 orders"
    assert await trading.book(buyer, "SOL-USD", "buy") == [("150.00", "6", 6)]


async def test_a_new_matcher_rebuilds_exactly_the_book_from_the_database(
    trading: Trading,
) -> None:
    alice = await trading.investor(usd="5000.00")
    bob = await trading.investor(usd="5000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "20", places=2)
    orders = []
    for who, price, quantity in (
        (alice, "150.00", "2"),
        (bob, "150.00", "1"),
        (alice, "149.00", "3"),
        (bob, "148.50", "1.25"),
    ):
        placed = await trading.placed(
            who, symbol="SOL-USD", side="buy", quantity=quantity, price=price
        )
        orders.append((who, placed))
    for price, quantity in (("152.00", "1"), ("153.00", "2.5"), ("152.00", "4")):
        await trading.placed(seller, symbol="SOL-USD", side="sell", quantity=quantity, price=price)
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1.5", price="150.00")
    who, first = orders[0]  # alice's first order now partly filled: it loses its place
    moved = await trading.client.patch(
        f"{API}/orders/{first['id']}", headers=who.headers, json={"price": "149.00"}
    )
    assert moved.status_code == 200, moved.text
    who, third = orders[2]  # a reduction keeps its place
    kept = await trading.client.patch(
        f"{API}/orders/{third['id']}", headers=who.headers, json={"quantity": "2"}
    )
    assert kept.status_code == 200, kept.text

    container = trading.container
    old = matcher_of(container)
    instrument_id = (await trading.get("/instruments/SOL-USD", who)).json()["id"]
    key = UUID(instrument_id)
    live = old.book(key)
    assert live is not None
    resting, numbers = live.book.resting(), live.last_number
    depths = [live.book.depth(side, 50) for side in Side]
    assert len(resting) == 7
    await old.aclose()

    fresh = Matcher(
        lambda: unit_of_work(container),
        SqlPartitionLocks(container.engine),
        container.clock,
        trading_config(container.settings),
    )
    try:
        await fresh.submit(key, Look(side=Side.BUY, levels=1))
        rebuilt = fresh.book(key)
        assert rebuilt is not None
        assert rebuilt.book.resting() == resting
        assert [rebuilt.book.depth(side, 50) for side in Side] == depths
        assert rebuilt.last_number == numbers
        assert rebuilt.orders == live.orders
    finally:
        await fresh.aclose()


async def test_gtd_orders_expire_through_the_worker_and_release_their_hold(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    soon = ensure_utc(trading.container.clock.now()) + timedelta(seconds=1)
    gtd = await trading.placed(
        buyer,
        symbol="SOL-USD",
        side="buy",
        quantity="1",
        price="150.00",
        time_in_force="gtd",
        expires_at=soon.isoformat(),
    )
    gtc = await trading.placed(buyer, symbol="SOL-USD", side="buy", quantity="1", price="150.00")
    handler = trading.app.state.handlers.resolve(ExpireOrdersHandler)
    assert await handler.execute(ExpireOrders()) == 0
    await asyncio.sleep(1.1)
    assert await handler.execute(ExpireOrders()) == 1
    expired = (await trading.get(f"/orders/{gtd['id']}", buyer)).json()
    assert (expired["status"], expired["resting"]) == ("expired", False)
    assert (await trading.get(f"/orders/{gtc['id']}", buyer)).json()["status"] == "accepted"
    assert await trading.balance(buyer, "USD") == (D("1000.00"), D("150.15"))


async def test_a_batch_whose_commit_fails_is_rebuilt_and_run_again_one_by_one(
    trading: Trading,
) -> None:
    """The book is never ahead of the database: a failed commit throws the books away; the
    batch's requests then run one a transaction and each is answered from what committed."""
    container = trading.container
    buyer = await trading.investor(usd="5000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="150.00")
    failures = {"left": 1}

    class FailingOnce(TradingUnitOfWork):
        async def commit(self) -> None:
            if failures["left"]:
                failures["left"] -= 1
                raise ConnectionError("the database went away at commit")
            await super().commit()

    def failing_uow() -> TradingUnitOfWork:
        built = unit_of_work(container)
        built.__class__ = FailingOnce
        return built

    await matcher_of(container).aclose()  # the app's matcher gives its partitions up
    config = replace(trading_config(container.settings), batch_window=timedelta(milliseconds=50))
    matcher = Matcher(failing_uow, SqlPartitionLocks(container.engine), container.clock, config)
    actor = Actor(kind="user", user_id=user_id(buyer))

    def handler() -> PlaceOrderHandler:  # one a request, as the app resolves them
        return PlaceOrderHandler(
            unit_of_work(container), kyc_gate(container), matcher, container.clock
        )

    try:
        placed = await asyncio.gather(
            *(
                handler().execute(
                    PlaceOrder(
                        actor=actor,
                        symbol="SOL-USD",
                        side=Side.BUY,
                        order_type=OrderType.LIMIT,
                        quantity=D("1"),
                        price=D(price),
                        client_order_id=f"retry-{price}",
                    )
                )
                for price in ("150.00", "149.00", "148.00")
            )
        )
        assert failures["left"] == 0
        statuses = sorted((str(p.value.price), p.value.status.value) for p in placed if p.value)
        assert statuses == [("148.00", "accepted"), ("149.00", "accepted"), ("150.00", "filled")]
        key = placed[0].value.instrument_id if placed[0].value else None
        assert key is not None
        live = matcher.book(key)
        assert live is not None
        resting = live.book.resting()
    finally:
        await matcher.aclose()
    fresh = Matcher(
        lambda: unit_of_work(container),
        SqlPartitionLocks(container.engine),
        container.clock,
        config,
    )
    try:
        await fresh.submit(key, Look(side=Side.BUY, levels=1))
        rebuilt = fresh.book(key)
        assert rebuilt is not None
        assert rebuilt.book.resting() == resting
    finally:
        await fresh.aclose()
    assert await trading.count("trading_orders") == 4
