"""Orders over HTTP, against the real matcher and ledger: a buy holds its cash and fee, a
crossing sell trades at the resting price, the fill settles cash, securities and fees in the
ledger, positions and fills follow; cancel releases, amend re-holds; my orders, one order, the
book's depth."""

from __future__ import annotations

from decimal import Decimal

from tests.api.trading.conftest import API, Trading
from tests.support.accounts import assert_problem

D = Decimal


async def test_a_crossing_sell_fills_a_resting_buy_and_settles_in_the_ledger(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)

    bid = await trading.placed(
        buyer, symbol="SOL-USD", side="buy", quantity="2", price="150.00", client_order_id="b1"
    )
    assert (bid["status"], bid["resting"], bid["open_quantity"]) == ("accepted", True, "2")
    assert await trading.balance(buyer, "USD") == (D("1000.00"), D("300.30"))  # 300 + 0.30 fee

    ask = await trading.placed(
        seller, symbol="SOL-USD", side="sell", quantity="1.5", price="149.00"
    )
    # at the resting order's price: 1.5 x 150.00 = 225.00; each side's fee 0.225 -> 0.22
    assert (ask["status"], ask["filled_quantity"], ask["average_price"]) == (
        "filled",
        "1.5",
        "150.00",
    )
    assert (ask["cash"], ask["fees"], ask["resting"]) == ("225.00", "0.22", False)
    order = (await trading.get(f"/orders/{bid['id']}", buyer)).json()
    assert (order["status"], order["filled_quantity"], order["open_quantity"]) == (
        "partially_filled",
        "1.5",
        "0.5",
    )
    # the buyer paid 225.22; what rests holds exactly what 0.5 more can cost at the limit
    assert await trading.balance(buyer, "USD") == (D("774.78"), D("75.08"))
    assert await trading.balance(buyer, "SOL-USD") == (D("1.50"), D("0"))
    assert await trading.balance(seller, "USD") == (D("224.78"), D("0"))
    assert await trading.balance(seller, "SOL-USD") == (D("3.50"), D("0"))

    fills = (await trading.get("/fills", buyer)).json()["items"]
    assert [
        (f["side"], f["liquidity"], f["price"], f["quantity"], f["cash"], f["fee"]) for f in fills
    ] == [("buy", "maker", "150.00", "1.5", "225.00", "0.22")]
    positions = (await trading.get("/positions", buyer)).json()["items"]
    assert [
        (
            p["symbol"],
            p["quantity"],
            p["cost_basis"],
            p["last_price"],
            p["market_value"],
            p["unrealized_pnl"],
        )
        for p in positions
    ] == [("SOL-USD", "1.5", "225.22", "150.00", "225.00", "-0.22")]
    assert await trading.book(buyer, "SOL-USD", "buy") == [("150.00", "0.5", 1)]
    assert await trading.book(buyer, "SOL-USD", "sell") == []
    instrument = (await trading.get("/instruments/SOL-USD", buyer)).json()
    assert instrument["last_price"] == "150.00"


async def test_cancel_releases_the_hold_and_a_finished_order_cannot_be_cancelled(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="500.00")
    bid = await trading.placed(buyer, symbol="SOL-USD", side="buy", quantity="1", price="140.00")
    cancelled = await trading.client.post(f"{API}/orders/{bid['id']}/cancel", headers=buyer.headers)
    assert cancelled.status_code == 200, cancelled.text
    assert (cancelled.json()["status"], cancelled.json()["resting"]) == ("cancelled", False)
    assert await trading.balance(buyer, "USD") == (D("500.00"), D("0"))
    again = await trading.client.post(f"{API}/orders/{bid['id']}/cancel", headers=buyer.headers)
    assert_problem(again, 409, "order_finished")
    amend = await trading.client.patch(
        f"{API}/orders/{bid['id']}", headers=buyer.headers, json={"quantity": "2"}
    )
    assert_problem(amend, 409, "order_finished")


async def test_amend_re_holds_and_a_reduction_keeps_priority_while_a_price_change_loses_it(
    trading: Trading,
) -> None:
    first = await trading.investor(usd="1000.00")
    second = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    a = await trading.placed(first, symbol="SOL-USD", side="buy", quantity="3", price="150.00")
    b = await trading.placed(second, symbol="SOL-USD", side="buy", quantity="1", price="150.00")

    reduced = await trading.client.patch(
        f"{API}/orders/{a['id']}", headers=first.headers, json={"quantity": "2"}
    )
    assert reduced.status_code == 200, reduced.text
    assert await trading.balance(first, "USD") == (D("1000.00"), D("300.30"))
    # first still first: a sell of 2 fills it
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="2", price="150.00")
    assert (await trading.get(f"/orders/{a['id']}", first)).json()["status"] == "filled"
    assert (await trading.get(f"/orders/{b['id']}", second)).json()["status"] == "accepted"

    c = await trading.placed(first, symbol="SOL-USD", side="buy", quantity="1", price="149.00")
    moved = await trading.client.patch(
        f"{API}/orders/{c['id']}", headers=first.headers, json={"price": "150.00"}
    )
    assert moved.status_code == 200, moved.text
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="150.00")
    # b kept its place ahead of c, which lost priority when its price changed
    assert (await trading.get(f"/orders/{b['id']}", second)).json()["status"] == "filled"
    assert (await trading.get(f"/orders/{c['id']}", first)).json()["status"] == "accepted"

    too_much = await trading.client.patch(
        f"{API}/orders/{c['id']}", headers=first.headers, json={"quantity": "100"}
    )
    assert_problem(too_much, 422, "insufficient_funds")
    still = (await trading.get(f"/orders/{c['id']}", first)).json()
    assert (still["quantity"], still["price"]) == ("1", "150.00")


async def test_my_orders_are_filtered_and_paged_and_someone_elses_are_not_found(
    trading: Trading,
) -> None:
    alice = await trading.investor(usd="5000.00")
    bob = await trading.investor(usd="100.00")
    ids = []
    for price in ("140.00", "141.00", "142.00"):
        ids.append(
            (await trading.placed(alice, symbol="SOL-USD", side="buy", quantity="1", price=price))[
                "id"
            ]
        )
    eth = await trading.placed(alice, symbol="ETH-USD", side="buy", quantity="0.1", price="2400.00")
    first = (await trading.get("/orders", alice, limit=2)).json()
    rest = (await trading.get("/orders", alice, limit=2, cursor=first["next_cursor"])).json()
    assert [o["id"] for o in first["items"] + rest["items"]] == [eth["id"], *reversed(ids)]
    assert rest["next_cursor"] is None
    sol = await trading.get("/orders", alice, symbol="SOL-USD", side="buy", status="accepted")
    assert {o["id"] for o in sol.json()["items"]} == set(ids)
    assert (await trading.get("/orders", alice, side="sell")).json()["items"] == []
    assert_problem(await trading.get("/orders", alice, symbol="NOPE"), 404, "instrument_not_found")
    assert (await trading.get("/orders", bob)).json()["items"] == []

    assert_problem(await trading.get(f"/orders/{eth['id']}", bob), 404, "order_not_found")
    cancel = await trading.client.post(f"{API}/orders/{eth['id']}/cancel", headers=bob.headers)
    assert_problem(cancel, 404, "order_not_found")
    amend = await trading.client.patch(
        f"{API}/orders/{eth['id']}", headers=bob.headers, json={"price": "2300.00"}
    )
    assert_problem(amend, 404, "order_not_found")
    assert (await trading.get(f"/orders/{eth['id']}", alice)).json()["status"] == "accepted"


async def test_an_ioc_fills_what_it_can_and_a_market_order_takes_up_to_its_collar(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="2000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "10", places=2)
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="151.00")
    ioc = await trading.placed(
        buyer, symbol="SOL-USD", side="buy", quantity="3", price="151.00", time_in_force="ioc"
    )
    assert (ioc["status"], ioc["filled_quantity"], ioc["reason"]) == (
        "partially_filled",
        "1",
        "unfilled_remainder",
    )
    assert (await trading.balance(buyer, "USD"))[1] == 0  # the remainder's hold released
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="2", price="152.00")
    market = await trading.placed(
        buyer,
        symbol="SOL-USD",
        side="buy",
        quantity="1",
        order_type="market",
        time_in_force="ioc",
    )
    assert (market["status"], market["price"], market["average_price"]) == (
        "filled",
        None,
        "152.00",
    )
    assert market["limit_price"] == "181.20"  # the collar: 20 % above the last price 151.00
    assert (await trading.balance(buyer, "USD"))[1] == 0
    fok = await trading.placed(
        buyer, symbol="SOL-USD", side="buy", quantity="5", price="152.00", time_in_force="fok"
    )
    assert (fok["status"], fok["filled_quantity"]) == ("stopped", "0")


async def test_an_order_is_placed_once_per_idempotency_key_or_client_order_id(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    body = {"symbol": "SOL-USD", "side": "buy", "quantity": "1", "price": "150.00"}
    first = await trading.place(buyer, key="k-1", **body)
    replay = await trading.place(buyer, key="k-1", **body)
    assert first.status_code == replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == first.json()["id"]
    other = await trading.place(buyer, key="k-1", **{**body, "quantity": "2"})
    assert_problem(other, 422, "idempotency_key_reused")

    placed = await trading.place(buyer, key=None, client_order_id="mine-1", **body)
    assert placed.status_code == 201, placed.text
    duplicate = await trading.place(buyer, key=None, client_order_id="mine-1", **body)
    problem = assert_problem(duplicate, 409, "duplicate_client_order_id")
    assert problem["errors"][0]["field"] == "body.client_order_id"
    neither = await trading.place(buyer, key=None, **body)
    assert_problem(neither, 422, "client_order_id_or_idempotency_key_required")
    assert await trading.count("trading_orders") == 2
    assert await trading.balance(buyer, "USD") == (D("1000.00"), D("300.30"))


async def test_fills_finer_than_a_cent_settle_their_cash_with_the_order_as_a_whole(
    trading: Trading,
) -> None:
    """A lot worth 0.003 USD: the first fill moves only the instrument; the cash follows when
    the order's cumulative notional reaches a cent; a filled order holds nothing."""
    admin = await trading.admin()
    tiny = {
        "symbol": "TINY-USD",
        "name": "Tiny coin",
        "asset_class": "crypto",
        "currency": "USD",
        "tick_size": "0.0001",
        "lot_size": "0.01",
        "min_notional": "0",
        "band_percent": "50",
        "reference_price": "0.3000",
        "trading_hours": "24x7",
    }
    listed = await trading.client.post(f"{API}/instruments", headers=admin.headers, json=tiny)
    assert listed.status_code == 201, listed.text
    buyer = await trading.investor(usd="10.00")
    seller = await trading.investor()
    await trading.give(seller, "TINY-USD", "10", places=2)
    bid = await trading.placed(
        buyer, symbol="TINY-USD", side="buy", quantity="0.05", price="0.3000"
    )
    assert await trading.balance(buyer, "USD") == (D("10.00"), D("0.02"))  # 0.015 -> 0.02
    await trading.placed(seller, symbol="TINY-USD", side="sell", quantity="0.01", price="0.3000")
    assert await trading.balance(buyer, "USD") == (D("10.00"), D("0.02"))  # 0.003: no cash yet
    assert await trading.balance(buyer, "TINY-USD") == (D("0.01"), D(0))
    await trading.placed(seller, symbol="TINY-USD", side="sell", quantity="0.04", price="0.3000")
    done = (await trading.get(f"/orders/{bid['id']}", buyer)).json()
    assert (done["status"], done["cash"], done["fees"]) == ("filled", "0.02", "0.00")
    assert await trading.balance(buyer, "USD") == (D("9.98"), D(0))  # 0.015 in all -> 0.02
    assert await trading.balance(seller, "USD") == (D("0.02"), D(0))
    # a buy holding a cent that fills at a better price for less than half a cent: it is
    # filled, pays nothing, and its hold is released
    await trading.placed(seller, symbol="TINY-USD", side="sell", quantity="0.02", price="0.2000")
    cheap = await trading.placed(
        buyer, symbol="TINY-USD", side="buy", quantity="0.02", price="0.4000"
    )
    assert (cheap["status"], cheap["cash"]) == ("filled", "0.00")
    assert await trading.balance(buyer, "USD") == (D("9.98"), D(0))
