"""The projector on real PostgreSQL with real trades: a round that dies before its commit
leaves nothing behind and the next one counts every trade once; rounds of any size and a
repeated round give the same candles; two rounds at once are one round; and the background
job, woken by the bus, publishes the candles and the ticker (best prices from level2)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from adapters.persistence.marketdata.unit_of_work import MarketDataUnitOfWork
from adapters.persistence.trading.trade_log import SqlTradeLog
from infrastructure.background import market_data_projector
from infrastructure.database.url import with_database
from infrastructure.marketdata.projector import ProjectorJob
from infrastructure.wiring import build_registry
from infrastructure.wiring.marketdata.rest import marketdata_config
from tests.api.marketdata.conftest import PATIENCE, ROUNDS, Market
from tests.support.accounts import Account
from tests.support.databases import plain
from usecases.marketdata.projector.project_candles import ProjectCandles, ProjectCandlesHandler
from usecases.shared.ports.feed import FeedMessage, FeedPublication
from usecases.system.public import Heartbeats

PRICES = (("150.00", "1"), ("152.50", "2"), ("149.00", "0.5"), ("151.00", "1"))


async def _crossed(market: Market) -> Account:
    trading = market.trading
    buyer = await trading.investor(usd="10000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    for price, quantity in PRICES:
        await market.cross(buyer, seller, "SOL-USD", price, quantity)
    return buyer


async def _day(market: Market, who: Account) -> list[tuple[Any, ...]]:
    page = await market.get("/candles/SOL-USD", who, interval="1d")
    assert page.status_code == 200, page.text
    return [
        (c["open"], c["high"], c["low"], c["close"], c["volume"], c["trades"])
        for c in page.json()["items"]
    ]


EXPECTED = [("150.00", "152.50", "149.00", "151.00", "4.50", 4)]


class Killed(Exception):
    """The process died between writing its candles and committing them."""


class DiesBeforeCommit(MarketDataUnitOfWork):
    async def commit(self) -> None:
        await self.session.flush()
        raise Killed


def _handler(market: Market, uow: Callable[[], MarketDataUnitOfWork]) -> ProjectCandlesHandler:
    container = market.trading.container
    return ProjectCandlesHandler(
        uow(),
        SqlTradeLog(container.session_factory),
        container.clock,
        marketdata_config(container.settings),
    )


async def test_a_round_killed_before_its_commit_loses_and_doubles_nothing(market: Market) -> None:
    buyer = await _crossed(market)
    container = market.trading.container

    def dying() -> MarketDataUnitOfWork:
        return DiesBeforeCommit(
            container.session_factory,
            notifier_factory=container.notifier_factory,
            clock=container.clock,
        )

    for _ in range(3):  # the trades, once the log shows them, are read and then lost with the round
        with pytest.raises(Killed):
            for _ in range(ROUNDS):
                await _handler(market, dying).execute(ProjectCandles())
                await asyncio.sleep(0.1)
    assert await _day(market, buyer) == []
    assert await market.trading.count("marketdata_projector_cursors") == 0

    await market.project_all(4)
    assert await _day(market, buyer) == EXPECTED
    again = await market.round()  # a round with nothing new changes nothing
    assert (again.claimed, again.trades) == (True, [])
    assert await _day(market, buyer) == EXPECTED


async def test_rounds_of_one_trade_give_the_candles_of_one_round(market: Market) -> None:
    buyer = await _crossed(market)
    seen = 0
    for _ in range(ROUNDS):
        projected = await market.round(limit=1)
        assert len(projected.trades) <= 1
        seen += len(projected.trades)
        if seen == 4:
            break
        if not projected.trades:
            await asyncio.sleep(0.1)
    assert seen == 4
    assert await _day(market, buyer) == EXPECTED
    status = (await market.get("/status", buyer)).json()
    assert (status["projector"]["projected_trades"], status["projector"]["lag_trades"]) == (4, 0)


async def test_two_rounds_at_once_count_each_trade_once(market: Market) -> None:
    buyer = await _crossed(market)
    seen = 0
    for _ in range(ROUNDS):
        first, second = await asyncio.gather(market.round(), market.round())
        seen += len(first.trades) + len(second.trades)
        if seen >= 4:
            break
        await asyncio.sleep(0.1)
    assert seen == 4
    assert await _day(market, buyer) == EXPECTED


async def test_the_job_woken_by_the_bus_publishes_candles_and_the_ticker(market: Market) -> None:
    container = market.trading.container
    feed = container.feed
    stop = asyncio.Event()
    # no polling: only the bus's trades messages wake it (the poll fallback is an hour away)
    config = replace(marketdata_config(container.settings), projector_poll_seconds=3600)
    heartbeats = Heartbeats(container.cache, container.clock)
    projector = ProjectorJob(build_registry(container).resolve, feed, heartbeats, config)

    async def wake() -> None:  # as the matcher's publisher does after each committed batch
        while True:
            await feed.publish([FeedPublication("trades", "SOL-USD", {"symbol": "SOL-USD"})])
            await asyncio.sleep(0.2)

    async with feed.listen() as messages:
        job = asyncio.create_task(projector.run(stop))
        buyer = await _crossed(market)
        # a bid left resting: the matcher publishes the book, the ticker shows its best bid
        await market.trading.placed(
            buyer, symbol="SOL-USD", side="buy", quantity="1.00", price="148.00"
        )
        waker = asyncio.create_task(wake())
        try:
            ticker = await asyncio.wait_for(
                _ticker_with(messages, trades=4, best_bid="148.00"), timeout=PATIENCE
            )
        finally:
            waker.cancel()
            stop.set()
            await asyncio.wait_for(job, timeout=PATIENCE)
    assert ticker.state == ticker.data
    # the best prices are those of the book the matcher published after its last batch
    level2 = await feed.latest("level2", "SOL-USD")
    assert level2 is not None
    assert level2.state is not None
    assert level2.state["bids"] == [["148.00", "1.00"]]
    assert level2.state["asks"] == []
    assert {k: v for k, v in ticker.data.items() if k != "time"} == {
        "symbol": "SOL-USD",
        "last": "151.00",
        "best_bid": "148.00",
        "best_ask": None,
        "open_24h": "150.00",
        "high_24h": "152.50",
        "low_24h": "149.00",
        "volume_24h": "4.50",
        "change_24h": "1.00",
        "change_percent_24h": "0.67",
    }
    day = await feed.latest("candles", "SOL-USD:1d")
    assert day is not None
    assert day.state is not None
    assert {
        k: day.state[k] for k in ("open", "high", "low", "close", "volume", "trades", "closed")
    } == {
        "open": "150.00",
        "high": "152.50",
        "low": "149.00",
        "close": "151.00",
        "volume": "4.50",
        "trades": 4,
        "closed": False,
    }
    assert day.state["open_time"].endswith("T00:00:00.000Z")
    beat = await market.get("/status", (await market.trading.investor()))
    assert beat.json()["projector"]["status"] == "running"


async def _ticker_with(messages: Any, trades: int, best_bid: str) -> FeedMessage:
    """The first ticker whose day volume covers ``trades`` trades' candles (4.50 here) and
    whose best bid is ``best_bid`` (a ticker may come from a round before the bid rested)."""
    async for message in messages:
        if (
            message.channel == "ticker"
            and message.data["volume_24h"] == "4.50"
            and message.data["best_bid"] == best_bid
        ):
            return message  # type: ignore[no-any-return]
    raise AssertionError("the bus ended")


async def test_the_log_waits_for_a_transaction_still_running(market: Market) -> None:
    """Trades committed after an older transaction began stay out of the log until it ends: a
    batch committing late can never land behind the projector's position."""
    buyer = await market.trading.investor()
    async with market.trading.container.engine.connect() as older:
        await older.execute(text("SELECT pg_current_xact_id()"))  # it holds a transaction id
        await _crossed(market)
        held = await market.round()
        assert (held.claimed, held.trades) == (True, [])
        status = (await market.get("/status", buyer)).json()["projector"]
        assert status["lag_trades"] == 4  # committed, not yet in the log
        await older.commit()
    await market.project_all(4)
    assert await _day(market, buyer) == EXPECTED


async def test_a_transaction_open_in_another_database_does_not_hold_the_log_back(
    market: Market,
) -> None:
    """Another database on the same server (another service, a test run beside this one) cannot
    write our trades: its open transaction must not stop the candles."""
    buyer = await market.trading.investor()
    url = market.trading.container.settings.database_url
    assert url is not None
    other = await asyncpg.connect(plain(with_database(url, "postgres")))
    try:
        transaction = other.transaction()
        await transaction.start()
        await other.fetchval("SELECT pg_current_xact_id()")  # it holds a transaction id
        await _crossed(market)  # each batch that commits after it moves the horizon past it
        counted = await market.round()
        assert len(counted.trades) == 4
        await transaction.rollback()
    finally:
        await other.close()
    assert await _day(market, buyer) == EXPECTED


async def test_a_change_of_the_best_prices_alone_publishes_the_ticker(market: Market) -> None:
    container = market.trading.container
    feed = container.feed
    job = market_data_projector(container)
    await _crossed(market)
    await market.project_all(4)
    book = {
        "symbol": "SOL-USD",
        "bids": [["150.50", "3.00"]],
        "asks": [],
        "checksum": 0,
        "time": "2026-12-01T15:00:00.000Z",
    }
    async with feed.listen() as messages:
        message = FeedMessage("level2", "SOL-USD", 1, {**book, "reset": True}, book)
        await feed.publish([FeedPublication("level2", "SOL-USD", message.data, book)])
        job.heard(message)
        assert not await job.round()
        ticker = await asyncio.wait_for(
            _ticker_with(messages, trades=4, best_bid="150.50"), timeout=PATIENCE
        )
    assert (ticker.data["best_bid"], ticker.data["best_ask"], ticker.data["last"]) == (
        "150.50",
        None,
        "151.00",
    )


KILLED_MID_ROUND = """
import asyncio, sys
from adapters.persistence.marketdata.unit_of_work import MarketDataUnitOfWork
from adapters.persistence.trading.trade_log import SqlTradeLog
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.wiring.marketdata.rest import marketdata_config
from usecases.marketdata.projector.project_candles import ProjectCandles, ProjectCandlesHandler

class Hangs(MarketDataUnitOfWork):
    async def commit(self):
        await self.session.flush()
        print("written", flush=True)
        await asyncio.sleep(3600)

async def main(url):
    settings = Settings(_env_file=None, app_env="test", database_url=url, redis_url=None)
    c = build_container(settings, url)
    uow = Hangs(c.session_factory, notifier_factory=c.notifier_factory, clock=c.clock)
    log = SqlTradeLog(c.session_factory)
    while True:
        handler = ProjectCandlesHandler(uow, log, c.clock, marketdata_config(settings))
        await handler.execute(ProjectCandles())
        await asyncio.sleep(0.1)

asyncio.run(main(sys.argv[1]))
"""


async def test_a_projector_process_killed_mid_round_loses_and_doubles_nothing(
    market: Market,
) -> None:
    """Another process writes a round's candles and is killed before its commit: while it
    runs, its round is the only one (this process cannot claim one); once it is gone, the
    next round counts every trade once."""
    buyer = await _crossed(market)
    url = str(market.trading.container.settings.database_url)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", KILLED_MID_ROUND, url, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert child.stdout is not None
        line = await asyncio.wait_for(child.stdout.readline(), timeout=PATIENCE)
        assert line.strip() == b"written"
        blocked = await market.round()
        assert blocked.claimed is False  # the other process holds the round
    finally:
        child.kill()
        await child.wait()
    assert await _day(market, buyer) == []
    await market.project_all(4)
    assert await _day(market, buyer) == EXPECTED


async def test_a_candle_left_open_is_published_closed_when_the_next_bucket_starts(
    market: Market,
) -> None:
    feed = market.trading.container.feed
    left = {
        "symbol": "SOL-USD",
        "interval": "1m",
        "open_time": "2026-01-01T00:00:00.000Z",
        "close_time": "2026-01-01T00:01:00.000Z",
        "open": "140.00",
        "high": "140.00",
        "low": "140.00",
        "close": "140.00",
        "volume": "1.00",
        "trades": 1,
        "closed": False,
    }
    await feed.publish([FeedPublication("candles", "SOL-USD:1m", left, left)])
    job = market_data_projector(market.trading.container)
    await _crossed(market)
    async with feed.listen() as messages:
        for _ in range(ROUNDS):
            if await job.round() or (await feed.latest("candles", "SOL-USD:1d")):
                break
            await asyncio.sleep(0.1)
        minute: list[dict[str, Any]] = []
        while not minute or minute[-1]["open_time"] == left["open_time"]:
            message = await asyncio.wait_for(anext(messages), timeout=PATIENCE)
            if (message.channel, message.key) == ("candles", "SOL-USD:1m"):
                minute.append(dict(message.data))
    assert minute[0] == {**left, "closed": True}
    assert minute[1]["open_time"] > left["open_time"]
    assert minute[1]["closed"] is False
