"""What trading publishes on the live feed, heard by a listener on the app's own bus
(``container.feed``) while investors trade over HTTP on the real app and database: the trades
with their price, quantity and taking side; level2 changes that, applied to the first
snapshot, give exactly the book the REST depth shows, checksums agreeing; each user's orders
stream with only their own orders and fills; nothing for a refused order or a batch that
failed; and orders still working while the bus refuses every publish."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from decimal import Decimal
from typing import Any

import pytest

from domain.trading.depth import Depth, applied, checksum
from tests.api.trading.conftest import API, Trading, user_id
from tests.support.accounts import Account
from usecases.shared.ports.feed import FeedBus, FeedMessage, FeedPublication
from usecases.trading.matcher.batch import Batch

D = Decimal
SOL = "SOL-USD"


class Heard:
    """Every message the bus delivers from the moment it is entered."""

    def __init__(self) -> None:
        self.messages: list[FeedMessage] = []
        self._arrived = asyncio.Event()

    def on(self, channel: str, key: str) -> list[FeedMessage]:
        return [m for m in self.messages if (m.channel, m.key) == (channel, key)]

    async def until(self, found: Callable[[list[FeedMessage]], bool]) -> None:
        async with asyncio.timeout(20):
            while not found(self.messages):
                self._arrived.clear()
                await self._arrived.wait()

    async def _collect(self, stream: AsyncIterator[FeedMessage]) -> None:
        async for message in stream:
            self.messages.append(message)
            self._arrived.set()


@contextlib.asynccontextmanager
async def listening(feed: FeedBus) -> AsyncIterator[Heard]:
    heard = Heard()
    async with feed.listen() as stream:
        task = asyncio.create_task(heard._collect(stream))
        try:
            yield heard
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def marker(trading: Trading, heard: Heard) -> None:
    """A publication after everything before it: the publisher is first in, first out."""
    who = await trading.investor(usd="100.00")
    await trading.placed(who, symbol="ADA-USD", side="buy", quantity="10", price="0.3500")
    await heard.until(lambda got: any(m.key == str(user_id(who)) for m in got))


def copy_of(message: FeedMessage) -> Depth:
    return Depth(
        tuple((p, q) for p, q in message.data["bids"]),
        tuple((p, q) for p, q in message.data["asks"]),
    )


def rest_levels(levels: list[Any]) -> list[tuple[Decimal, Decimal]]:
    return [(D(price), D(quantity)) for price, quantity, _ in levels]


def held_levels(side: tuple[tuple[str, str], ...]) -> list[tuple[Decimal, Decimal]]:
    return [(D(price), D(quantity)) for price, quantity in side]


async def traders(trading: Trading) -> tuple[Account, Account]:
    buyer = await trading.investor(usd="50000.00")
    seller = await trading.investor()
    await trading.give(seller, SOL, "100", places=2)
    return buyer, seller


async def test_crossing_orders_publish_each_trade_with_its_price_quantity_and_taker(
    trading: Trading,
) -> None:
    buyer, seller = await traders(trading)
    async with listening(trading.container.feed) as heard:
        await trading.placed(seller, symbol=SOL, side="sell", quantity="1.5", price="150.00")
        await trading.placed(seller, symbol=SOL, side="sell", quantity="2", price="150.10")
        taken = await trading.placed(buyer, symbol=SOL, side="buy", quantity="3", price="150.20")
        await trading.placed(buyer, symbol=SOL, side="buy", quantity="1", price="149.50")
        await trading.placed(seller, symbol=SOL, side="sell", quantity="0.25", price="149.00")
        await heard.until(lambda got: len([m for m in got if m.channel == "trades"]) == 3)
    assert taken["status"] == "filled"
    trades = heard.on("trades", SOL)
    assert [(m.data["price"], m.data["quantity"], m.data["taker_side"]) for m in trades] == [
        ("150.00", "1.50", "buy"),
        ("150.10", "1.50", "buy"),
        ("149.50", "0.25", "sell"),  # at the resting buy's price: the sell took
    ]
    first = trades[0].sequence
    assert [m.sequence for m in trades] == [first, first + 1, first + 2]
    assert all(m.data["symbol"] == SOL and m.data["time"].endswith("Z") for m in trades)
    assert all(m.state is None for m in trades)
    fills = (await trading.get("/fills", buyer)).json()["items"]
    assert {f["trade_id"] for f in fills} == {m.data["trade_id"] for m in trades}


async def test_level2_changes_on_the_first_snapshot_are_the_rest_book_and_prove_it(
    trading: Trading,
) -> None:
    buyer, seller = await traders(trading)
    async with listening(trading.container.feed) as heard:
        for price, quantity in (
            ("149.00", "1"),
            ("149.50", "2"),
            ("149.50", "0.5"),
            ("148.00", "3"),
        ):
            await trading.placed(buyer, symbol=SOL, side="buy", quantity=quantity, price=price)
        asks = []
        for price, quantity in (("151.00", "1"), ("150.50", "2.25"), ("152.00", "4")):
            asks.append(
                await trading.placed(
                    seller, symbol=SOL, side="sell", quantity=quantity, price=price
                )
            )
        # a sell that takes the best bid level and part of the next one
        await trading.placed(seller, symbol=SOL, side="sell", quantity="3", price="149.00")
        cancelled = await trading.client.post(
            f"{API}/orders/{asks[0]['id']}/cancel", headers=seller.headers
        )
        assert cancelled.status_code == 200, cancelled.text
        moved = await trading.client.patch(
            f"{API}/orders/{asks[2]['id']}", headers=seller.headers, json={"price": "150.50"}
        )
        assert moved.status_code == 200, moved.text
        await marker(trading, heard)
    published = heard.on("level2", SOL)
    assert len(published) == 10  # one a request: each of them changed the top
    assert published[0].data["reset"] is True  # this process's first publication of the book
    assert [m.sequence for m in published] == list(
        range(published[0].sequence, published[0].sequence + len(published))
    )
    held = copy_of(published[0])
    assert checksum(held) == published[0].data["checksum"]
    for message in published[1:]:
        assert message.data["reset"] is False
        held = applied(held, copy_of(message))
        assert checksum(held) == message.data["checksum"], message.data
        assert message.state is not None
        assert (message.state["bids"], message.state["asks"]) == (
            [list(level) for level in held.bids],
            [list(level) for level in held.asks],
        )
    assert held_levels(held.bids) == rest_levels(await trading.book(buyer, SOL, "buy"))
    assert held_levels(held.asks) == rest_levels(await trading.book(buyer, SOL, "sell"))
    assert held_levels(held.bids) == [(D("149.00"), D("0.5")), (D("148.00"), D("3"))]
    assert held_levels(held.asks) == [(D("150.50"), D("6.25"))]
    latest = await trading.container.feed.latest("level2", SOL)
    assert latest is not None
    assert latest.sequence == published[-1].sequence
    assert latest.state == published[-1].state


async def test_a_refused_order_publishes_nothing(trading: Trading) -> None:
    poor = await trading.investor(usd="10.00")
    async with listening(trading.container.feed) as heard:
        refused = await trading.place(poor, symbol=SOL, side="buy", quantity="1", price="150.00")
        assert refused.status_code == 422, refused.text
        await marker(trading, heard)
    assert heard.on("orders", str(user_id(poor))) == []
    assert [m for m in heard.messages if m.key == SOL] == []


async def test_each_users_orders_stream_carries_only_their_orders_and_fills(
    trading: Trading,
) -> None:
    alice, seller = await traders(trading)
    bob = await trading.investor(usd="50000.00")
    async with listening(trading.container.feed) as heard:
        mine = await trading.placed(alice, symbol=SOL, side="buy", quantity="2", price="150.00")
        theirs = await trading.placed(bob, symbol=SOL, side="buy", quantity="1", price="149.00")
        sold = await trading.placed(seller, symbol=SOL, side="sell", quantity="3", price="149.00")
        await heard.until(lambda got: len(got) >= 2 + 3 + 3 + 2 + 4)  # ... and the fills
    alices = heard.on("orders", str(user_id(alice)))
    events = [(m.data["event"], m.data.get("order", m.data.get("fill"))) for m in alices]
    assert [(kind, item["status"]) for kind, item in events if kind == "order"] == [
        ("order", "accepted"),
        ("order", "filled"),
    ]
    assert all(item["id"] == mine["id"] for kind, item in events if kind == "order")
    fills = [item for kind, item in events if kind == "fill"]
    assert [(f["order_id"], f["price"], f["quantity"], f["liquidity"]) for f in fills] == [
        (mine["id"], "150.00", "2.00", "maker")
    ]
    filled = next(item for kind, item in events if kind == "order" and item["status"] == "filled")
    assert (filled["filled_quantity"], filled["average_price"]) == ("2.00", "150.00")
    bobs = heard.on("orders", str(user_id(bob)))
    assert {m.data.get("order", m.data.get("fill"))["symbol"] for m in bobs} == {SOL}
    ids = {m.data["order"]["id"] for m in bobs if m.data["event"] == "order"}
    ids |= {m.data["fill"]["order_id"] for m in bobs if m.data["event"] == "fill"}
    assert ids == {theirs["id"]}
    sellers = heard.on("orders", str(user_id(seller)))
    assert {m.data["fill"]["liquidity"] for m in sellers if m.data["event"] == "fill"} == {"taker"}
    assert {m.data["order"]["id"] for m in sellers if m.data["event"] == "order"} == {sold["id"]}
    assert [m.sequence for m in alices] == list(range(1, len(alices) + 1))


async def test_a_batch_that_fails_publishes_nothing_and_the_next_top_is_a_reset(
    trading: Trading, monkeypatch: pytest.MonkeyPatch
) -> None:
    buyer, seller = await traders(trading)
    async with listening(trading.container.feed) as heard:
        await trading.placed(seller, symbol=SOL, side="sell", quantity="1", price="150.00")

        async def broken(self: Batch) -> bool:
            raise ConnectionError("the database went away")

        with monkeypatch.context() as patched:
            patched.setattr(Batch, "finish", broken)
            failed = await trading.place(
                buyer, symbol=SOL, side="buy", quantity="1", price="150.00"
            )
        assert failed.status_code >= 500
        await marker(trading, heard)
        assert heard.on("trades", SOL) == []
        assert heard.on("orders", str(user_id(buyer))) == []
        assert len(heard.on("level2", SOL)) == 1  # the sell's, nothing of the failed buy
        await trading.placed(buyer, symbol=SOL, side="buy", quantity="0.4", price="150.00")
        await heard.until(lambda got: len([m for m in got if m.channel == "trades"]) == 1)
        await heard.until(lambda got: len([m for m in got if m.channel == "level2"]) == 3)
    after = heard.on("level2", SOL)[-1]
    assert after.data["reset"] is True  # the book was rebuilt from the database
    assert after.data["asks"] == [["150.00", "0.60"]]
    assert after.data["bids"] == []


async def test_orders_keep_working_while_the_bus_refuses_every_publish(
    trading: Trading, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    buyer, seller = await traders(trading)
    feed = trading.container.feed
    async with listening(feed) as heard:
        await trading.placed(seller, symbol=SOL, side="sell", quantity="2", price="150.00")
        await heard.until(lambda got: len(got) >= 2)

        refusals = asyncio.Queue[None]()

        async def down(publications: list[FeedPublication]) -> list[int]:
            refusals.put_nowait(None)
            raise ConnectionError("Redis is down")

        with monkeypatch.context() as patched:
            patched.setattr(feed, "publish", down)
            bought = await trading.placed(
                buyer,
                symbol=SOL,
                side="buy",
                quantity="1",
                price="150.00",
                client_order_id="private-words-7",
            )
            resting = await trading.placed(
                buyer, symbol=SOL, side="buy", quantity="1", price="149.00"
            )
            assert (bought["status"], resting["status"]) == ("filled", "accepted")
            async with asyncio.timeout(20):
                for _ in range(2):  # both batches tried the bus
                    await refusals.get()
        assert rest_levels(await trading.book(buyer, SOL, "sell")) == [(D("150.00"), D("1"))]
        await trading.placed(seller, symbol=SOL, side="sell", quantity="0.5", price="151.00")
        await heard.until(lambda got: len([m for m in got if m.channel == "level2"]) == 2)
    back = heard.on("level2", SOL)[-1]
    assert back.data["reset"] is True  # what the bus did with the lost ones is not known
    assert (back.data["bids"], back.data["asks"]) == (
        [["149.00", "1.00"]],
        [["150.00", "1.00"], ["151.00", "0.50"]],
    )
    assert heard.on("trades", SOL) == []  # the trade was never published, and never will be
    refused = [r for r in caplog.records if r.getMessage() == "live feed publish failed"]
    assert len(refused) == 2
    assert all("private-words-7" not in str(r.__dict__) for r in caplog.records)


async def test_orders_are_answered_while_the_bus_hangs(
    trading: Trading, monkeypatch: pytest.MonkeyPatch
) -> None:
    buyer, seller = await traders(trading)
    feed = trading.container.feed
    real = feed.publish
    stuck, release = asyncio.Event(), asyncio.Event()

    async def hanging(publications: list[FeedPublication]) -> list[int]:
        stuck.set()
        await release.wait()
        return await real(publications)

    monkeypatch.setattr(feed, "publish", hanging)
    async with listening(feed) as heard:
        await trading.placed(seller, symbol=SOL, side="sell", quantity="1", price="150.00")
        async with asyncio.timeout(20):
            await stuck.wait()  # the publisher waits on the bus ...
        bought = await trading.placed(buyer, symbol=SOL, side="buy", quantity="1", price="150.00")
        assert bought["status"] == "filled"  # ... and the matcher does not
        assert heard.messages == []
        release.set()
        await heard.until(lambda got: [m.channel for m in got].count("trades") == 1)
    assert [m.data["reset"] for m in heard.on("level2", SOL)] == [True, False]
