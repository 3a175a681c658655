"""Instruments over HTTP: the seeded catalog listed a page at a time by symbol, one read by
its symbol, an operator lists, halts and resumes one; anyone else is refused."""

from __future__ import annotations

from tests.api.trading.conftest import API, Trading
from tests.support.accounts import assert_problem

NEW = {
    "symbol": "NVDA",
    "name": "NVIDIA Corporation",
    "asset_class": "stock",
    "currency": "USD",
    "tick_size": "0.01",
    "lot_size": "1",
    "min_notional": "1.00",
    "band_percent": "10",
    "reference_price": "140.00",
    "trading_hours": "xnys",
}


async def test_the_catalog_is_listed_by_symbol_a_page_at_a_time(trading: Trading) -> None:
    who = await trading.investor(level=0)
    symbols: list[str] = []
    cursor = None
    while True:
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = await trading.get("/instruments", who, **params)
        assert page.status_code == 200, page.text
        symbols += [i["symbol"] for i in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert symbols == sorted(symbols)
    assert len(symbols) == 19
    assert {"AAPL", "SPY", "BTC-USD", "SOL-USD", "UST10Y"} <= set(symbols)
    assert await trading.seed() == 0  # seeding again adds nothing
    btc = (await trading.get("/instruments/BTC-USD", who)).json()
    assert (btc["asset_class"], btc["currency"], btc["lot_size"], btc["trading_hours"]) == (
        "crypto",
        "USD",
        "0.0001",
        "24x7",
    )
    assert btc["reference_price"] == "60000.00"
    assert btc["min_notional"] == "1.00"
    assert_problem(await trading.get("/instruments/NOPE", who), 404, "instrument_not_found")


async def test_an_operator_lists_halts_and_resumes_an_instrument(trading: Trading) -> None:
    admin = await trading.admin()
    created = await trading.client.post(f"{API}/instruments", headers=admin.headers, json=NEW)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "active"
    again = await trading.client.post(f"{API}/instruments", headers=admin.headers, json=NEW)
    assert_problem(again, 409, "symbol_taken")
    halted = await trading.client.post(f"{API}/instruments/NVDA/halt", headers=admin.headers)
    assert halted.json()["status"] == "halted"
    twice = await trading.client.post(f"{API}/instruments/NVDA/halt", headers=admin.headers)
    assert_problem(twice, 409, "instrument_state_invalid")
    resumed = await trading.client.post(f"{API}/instruments/NVDA/resume", headers=admin.headers)
    assert resumed.json()["status"] == "active"


async def test_a_new_instrument_names_every_bad_field(trading: Trading) -> None:
    admin = await trading.admin()
    bad = {
        **NEW,
        "symbol": "NEW1",
        "currency": "XYZ",
        "reference_price": "140.005",
        "trading_hours": "moon",
        "tick_size": "0",
    }
    refused = await trading.client.post(f"{API}/instruments", headers=admin.headers, json=bad)
    problem = assert_problem(refused, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {
        "body.currency",
        "body.trading_hours",
        "body.tick_size",
    }


async def test_only_an_operator_manages_instruments(trading: Trading) -> None:
    who = await trading.investor(level=0)
    for response in (
        await trading.client.post(f"{API}/instruments", headers=who.headers, json=NEW),
        await trading.client.post(f"{API}/instruments/AAPL/halt", headers=who.headers),
        await trading.client.post(f"{API}/instruments/AAPL/resume", headers=who.headers),
    ):
        assert_problem(response, 403, "permission_denied")
    anonymous = await trading.client.get(f"{API}/instruments")
    assert anonymous.status_code == 401
