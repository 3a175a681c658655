"""Bad input: a clear 4xx problem+json with a stable code, and nothing held, matched or
written (no order row, no hold, no fill, the book as it was)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.api.trading.conftest import API, Trading
from tests.support.accounts import Account, assert_problem

SOL = {"symbol": "SOL-USD", "side": "buy", "quantity": "1", "price": "150.00"}


async def _nothing_written(trading: Trading, who: Account, orders: int = 0) -> None:
    assert await trading.count("trading_orders") == orders
    assert await trading.count("trading_fills") == 0
    assert (await trading.balance(who, "USD"))[1] == Decimal(0)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"price": "150.005"}, "body.price", "price_off_tick"),
        ({"quantity": "1.005"}, "body.quantity", "quantity_off_lot"),
        ({"symbol": "ADA-USD", "price": "0.3500"}, "body.quantity", "notional_too_small"),
        ({"price": "200.00"}, "body.price", "price_outside_band"),
        ({"symbol": "NOPE"}, "body.symbol", "unknown_instrument"),
        ({"price": None}, "body.price", "price_required"),
        ({"time_in_force": "gtd"}, "body.expires_at", "expires_at_required"),
    ],
)
async def test_an_order_off_the_rules_is_refused_naming_the_field(
    trading: Trading, change: dict[str, Any], field: str, code: str
) -> None:
    buyer = await trading.investor(usd="1000.00")
    problem = assert_problem(await trading.place(buyer, **{**SOL, **change}), 422, code)
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, code)]
    await _nothing_written(trading, buyer)


async def test_every_offending_field_is_named_in_one_answer(trading: Trading) -> None:
    buyer = await trading.investor(usd="1000.00")
    response = await trading.place(buyer, **{**SOL, "price": "150.005", "quantity": "1.005"})
    problem = assert_problem(response, 422, "validation_failed")
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("body.price", "price_off_tick"),
        ("body.quantity", "quantity_off_lot"),
    }
    await _nothing_written(trading, buyer)


async def test_a_halted_instrument_takes_no_order_but_its_orders_can_be_cancelled(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    resting = await trading.placed(buyer, **SOL)
    admin = await trading.admin()
    halt = await trading.client.post(f"{API}/instruments/SOL-USD/halt", headers=admin.headers)
    assert halt.status_code == 200
    problem = assert_problem(await trading.place(buyer, **SOL), 422, "instrument_halted")
    assert problem["errors"][0]["field"] == "body.symbol"
    amend = await trading.client.patch(
        f"{API}/orders/{resting['id']}", headers=buyer.headers, json={"price": "149.00"}
    )
    assert_problem(amend, 422, "instrument_halted")
    cancel = await trading.client.post(
        f"{API}/orders/{resting['id']}/cancel", headers=buyer.headers
    )
    assert cancel.status_code == 200
    await _nothing_written(trading, buyer, orders=1)


async def test_not_enough_cash_or_shares_holds_nothing(trading: Trading) -> None:
    buyer = await trading.investor(usd="100.00")
    assert_problem(await trading.place(buyer, **SOL), 422, "insufficient_funds")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "0.5", places=2)
    sell = {**SOL, "side": "sell"}
    assert_problem(await trading.place(seller, **sell), 422, "insufficient_shares")
    await _nothing_written(trading, buyer)
    assert await trading.balance(seller, "SOL-USD") == (Decimal("0.50"), Decimal(0))


async def test_only_a_kyc_verified_investor_trades(trading: Trading) -> None:
    newcomer = await trading.investor(usd="1000.00", level=1)
    assert_problem(await trading.place(newcomer, **SOL), 403, "kyc_level_required")
    await _nothing_written(trading, newcomer)


async def test_the_book_rejects_a_post_only_that_would_take_and_a_market_order_into_nothing(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    market = {
        "symbol": "SOL-USD",
        "side": "buy",
        "quantity": "1",
        "order_type": "market",
        "time_in_force": "ioc",
    }
    assert_problem(await trading.place(buyer, **market), 422, "no_liquidity")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "1", places=2)
    await trading.placed(seller, **{**SOL, "side": "sell"})
    crossing = {**SOL, "post_only": True}
    assert_problem(await trading.place(buyer, **crossing), 422, "post_only_would_take")
    await _nothing_written(trading, buyer, orders=1)
    assert await trading.book(buyer, "SOL-USD", "sell") == [("150.00", "1", 1)]
