"""Prices, candles, statistics, the book and the status over HTTP, from real trades crossed
through trading's API and projected by the projector's rounds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.marketdata.conftest import API, Market
from tests.api.trading.test_api_key_orders import keyed_investor
from tests.support.accounts import assert_problem


async def test_trades_become_candles_statistics_and_prices(market: Market) -> None:
    trading = market.trading
    buyer = await trading.investor(usd="10000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    for price, quantity in (("150.00", "1"), ("152.50", "2"), ("149.00", "0.5"), ("151.00", "1")):
        await market.cross(buyer, seller, "SOL-USD", price, quantity)
    await trading.placed(buyer, symbol="SOL-USD", side="buy", quantity="1", price="148.00")
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="155.00")

    await market.project_all(4)

    for interval in ("1m", "5m", "1h", "1d"):
        page = await market.get("/candles/SOL-USD", buyer, interval=interval)
        assert page.status_code == 200, page.text
        items = page.json()["items"]
        assert sum(c["trades"] for c in items) == 4, items
        assert sum(float(c["volume"]) for c in items) == 4.5
        assert max(c["high"] for c in items) == "152.50"
        assert min(c["low"] for c in items) == "149.00"
    day = (await market.get("/candles/SOL-USD", buyer, interval="1d")).json()["items"]
    assert [(c["open"], c["close"], c["volume"], c["closed"]) for c in day] == [
        ("150.00", "151.00", "4.50", False)
    ]

    stats = await market.get("/statistics/SOL-USD", buyer)
    assert stats.status_code == 200, stats.text
    figures = stats.json()
    assert (figures["open"], figures["high"], figures["low"], figures["last"]) == (
        "150.00",
        "152.50",
        "149.00",
        "151.00",
    )
    assert (figures["volume"], figures["trades"]) == ("4.50", 4)
    assert (figures["change"], figures["change_percent"]) == ("1.00", "0.67")

    prices = await market.get("/prices", buyer, symbols="SOL-USD,ETH-USD")
    assert prices.status_code == 200, prices.text
    sol, eth = prices.json()["prices"]
    assert (sol["symbol"], sol["last"], sol["bid"], sol["ask"]) == (
        "SOL-USD",
        "151.00",
        "148.00",
        "155.00",
    )
    assert (sol["change_24h"], sol["change_percent_24h"]) == ("1.00", "0.67")
    assert (eth["symbol"], eth["last"], eth["bid"], eth["change_24h"]) == (
        "ETH-USD",
        None,
        None,
        None,
    )

    book = await market.get("/book/SOL-USD", buyer, depth=5)
    assert book.status_code == 200, book.text
    assert book.json()["bids"] == [{"price": "148.00", "quantity": "1.00", "orders": 1}]
    assert book.json()["asks"] == [{"price": "155.00", "quantity": "1.00", "orders": 1}]


async def test_a_range_of_candles_is_paged_oldest_first(market: Market) -> None:
    trading = market.trading
    buyer = await trading.investor(usd="10000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    for price in ("150.00", "151.00", "152.00"):
        await market.cross(buyer, seller, "SOL-USD", price, "1")
    await market.project_all(3)
    now = datetime.now(UTC)
    window = {
        "start": (now - timedelta(days=2)).isoformat(),
        "end": (now + timedelta(days=1)).isoformat(),
    }
    page = await market.get("/candles/SOL-USD", buyer, interval="1d", limit=1, **window)
    assert page.status_code == 200, page.text
    assert len(page.json()["items"]) == 1
    past = {
        "start": (now - timedelta(days=3)).isoformat(),
        "end": (now - timedelta(days=2)).isoformat(),
    }
    empty = await market.get("/candles/SOL-USD", buyer, interval="1d", **past)
    assert empty.json() == {"items": [], "next_cursor": None}


async def test_symbols_and_status(market: Market) -> None:
    trading = market.trading
    reader = await trading.investor()
    symbols = await market.get("/symbols", reader, limit=200)
    assert symbols.status_code == 200, symbols.text
    sol = next(s for s in symbols.json()["items"] if s["symbol"] == "SOL-USD")
    assert (sol["asset_class"], sol["currency"], sol["open_now"], sol["status"]) == (
        "crypto",
        "USD",
        True,
        "active",
    )
    assert sol["tick_size"] == "0.01"

    buyer = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    await market.cross(buyer, seller, "SOL-USD", "150.00", "1")
    before = (await market.get("/status", reader)).json()
    assert before["projector"]["status"] == "not_running"
    assert before["projector"]["lag_trades"] == 1
    assert before["simulator"]["status"] == "not_running"
    assert before["feed_reachable"] is True
    assert before["symbols"] == len(symbols.json()["items"])
    await market.project_all(1)
    after = (await market.get("/status", reader)).json()
    assert (after["projector"]["lag_trades"], after["projector"]["projected_trades"]) == (0, 1)


async def test_market_data_needs_a_signed_in_caller(market: Market) -> None:
    answer = await market.trading.client.get("/api/v1/market-data/prices?symbols=SOL-USD")
    assert answer.status_code == 401


async def test_an_api_key_reads_market_data_with_the_market_read_scope(market: Market) -> None:
    trading = market.trading
    _, key = await keyed_investor(trading, ["market:read"])
    _, other = await keyed_investor(trading, ["account:read"])
    for path in ("/symbols", "/prices?symbols=SOL-USD", "/statistics/SOL-USD", "/status"):
        keyed = await trading.client.get(f"{API}{path}", headers={"X-API-Key": key["secret"]})
        assert keyed.status_code == 200, keyed.text
        refused = await trading.client.get(f"{API}{path}", headers={"X-API-Key": other["secret"]})
        assert_problem(refused, 403, "api_key_scope")
