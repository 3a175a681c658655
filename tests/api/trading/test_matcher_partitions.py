"""Two partitions settling trades of the same accounts at once: one buyer and one seller trade
two instruments that live in different partitions of this one process, many crossing pairs
at a time. Every batch takes the ledger rows it will touch in one order (account id) before
it writes any, so none waits on the other in a cycle: no batch fails, none is run again, and
every order fills with the ledger balanced to the cent."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from uuid import UUID

import pytest
from sqlalchemy import text

from infrastructure.wiring.trading import matcher_of
from tests.api.trading.conftest import Trading, user_id
from tests.support.accounts import Account
from usecases.trading.matcher.matcher import partition_of

D = Decimal
CRYPTO = ("SOL-USD", "ETH-USD", "BTC-USD", "DOT-USD", "ADA-USD")
# symbol: (price, quantity, ledger places, what the buyer pays a fill, what the seller gets)
TERMS = {
    "SOL-USD": ("150.00", "1", 2, D("150.15"), D("149.85")),  # fee 10 bps a side: 0.15
    "ETH-USD": ("2500.00", "0.1", 3, D("250.25"), D("249.75")),  # 250.00, fee 0.25
    "BTC-USD": ("60000.00", "0.001", 4, D("60.06"), D("59.94")),  # 60.00, fee 0.06
    "DOT-USD": ("4.500", "100", 1, D("450.45"), D("449.55")),  # 450.00, fee 0.45
    "ADA-USD": ("0.3500", "1000", 0, D("350.35"), D("349.65")),  # 350.00, fee 0.35
}
ROUNDS = 6
PAIRS = 50  # crossing pairs a round, split over the two instruments


async def _two_partitions(trading: Trading, who: Account) -> tuple[str, str]:
    """Two crypto pairs whose books different partitions own (ids are drawn at seeding)."""
    partitions = trading.container.settings.trading_partitions
    assert partitions >= 2
    seen: dict[int, str] = {}
    for symbol in CRYPTO:
        found = await trading.get(f"/instruments/{symbol}", who)
        assert found.status_code == 200, found.text
        seen.setdefault(partition_of(UUID(found.json()["id"]), partitions), symbol)
    assert len(seen) >= 2, "every crypto pair landed in one partition"
    first, second = list(seen.values())[:2]
    return first, second


async def test_one_buyer_and_one_seller_trading_two_partitions_at_once_fail_no_batch(
    trading: Trading,
) -> None:
    matcher = matcher_of(trading.container)
    # ids are drawn in time order: the seller's cash account first, so that an entry's
    # sorted accounts (seller's cash, buyer's cash) are not the order a buy's hold takes them
    seller = await trading.investor(usd="1.00")
    buyer = await trading.investor(usd="100000.00")
    symbols = await _two_partitions(trading, buyer)
    per_symbol = ROUNDS * PAIRS // 2
    for symbol in symbols:
        _, quantity, places, _, _ = TERMS[symbol]
        await trading.give(seller, symbol, str(D(quantity) * per_symbol * 2), places=places)

    placed: list[tuple[Account, str]] = []

    async def order(symbol: str, side: str, *statuses: str) -> None:
        price, quantity, *_ = TERMS[symbol]
        who = buyer if side == "buy" else seller
        response = await trading.place(
            who, symbol=symbol, side=side, quantity=quantity, price=price
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["side"], D(body["quantity"])) == (side, D(quantity)), body
        assert body["status"] in statuses, body
        placed.append((who, str(body["id"])))

    for number in range(ROUNDS):
        # the buyer's bids rest on one instrument; then at once the seller's sells take them
        # (each settles the seller's cash and the buyer's, in account order, at once) while
        # on the other instrument crossing pairs come, the buyer's buy first (his cash held
        # before the seller's is credited): two partitions, the two accounts, both orders
        first, second = symbols if number % 2 else symbols[::-1]
        half = PAIRS // 2
        await asyncio.gather(*(order(second, "buy", "accepted") for _ in range(half)))
        takers = [(second, "sell", ("filled",))] * half
        pairs = [(first, "buy", ("accepted", "filled")), (first, "sell", ("accepted", "filled"))]
        calls = [call for n in range(half) for call in (pairs[0], takers[n])] + pairs[1:] * half
        await asyncio.gather(*(order(symbol, side, *ok) for symbol, side, ok in calls))

    assert matcher.failed == 0, f"{matcher.failed} batches failed and were run again"
    assert matcher.retried == 0, f"{matcher.retried} batches were retried after a deadlock"
    for who, order_id in placed:  # every pair crossed: every order ends filled
        order = (await trading.get(f"/orders/{order_id}", who)).json()
        assert (order["status"], order["open_quantity"]) == ("filled", "0"), order
    paid = sum(TERMS[s][3] for s in symbols) * per_symbol
    got = sum(TERMS[s][4] for s in symbols) * per_symbol
    assert await trading.balance(buyer, "USD") == (D("100000.00") - paid, D("0"))
    assert await trading.balance(seller, "USD") == (D("1.00") + got, D("0"))
    for symbol in symbols:
        _, quantity, places, _, _ = TERMS[symbol]
        bought = (D(quantity) * per_symbol).quantize(D(1).scaleb(-places))
        assert await trading.balance(buyer, symbol) == (bought, D("0"))
        assert await trading.balance(seller, symbol) == (bought, D("0"))  # half of it sold
        assert await trading.book(buyer, symbol, "buy") == []
        assert await trading.book(buyer, symbol, "sell") == []


@pytest.mark.parametrize("first", ["fee account", "resting order's hold"])
async def test_a_batch_that_meets_a_deadlock_runs_again_once_with_a_warning(
    trading: Trading, caplog: pytest.LogCaptureFixture, first: str
) -> None:
    """Another transaction (not the matcher's) takes a row the batch needs, then one the
    batch holds: PostgreSQL aborts the batch (before it changed the book, at the fee account
    it locks up front; or after, at the hold of the order it trades with), which runs again
    once and commits; the order is answered as if nothing happened, and the log has a
    warning, no traceback."""
    matcher = matcher_of(trading.container)
    buyer = await trading.investor(usd="1000.00")  # his cash account: the first one opened
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "2", places=2)
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="150.00")
    await trading.placed(buyer, symbol="SOL-USD", side="buy", quantity="1", price="150.00")
    await trading.placed(seller, symbol="SOL-USD", side="sell", quantity="1", price="150.00")
    accounts = "SELECT id FROM ledger_accounts WHERE kind = :kind AND asset_code = 'USD'"
    async with trading.container.engine.connect() as other:
        fees = (await other.execute(text(accounts), {"kind": "platform_fees"})).scalar_one()
        cash = await other.scalar(
            text(accounts + " AND owner_id = :owner"),
            {"kind": "user_cash", "owner": user_id(buyer)},
        )
        assert cash < fees  # the batch locks the buyer's cash first
        await other.rollback()  # a transaction of its own from here
        await other.execute(text("SET LOCAL deadlock_timeout = '20s'"))  # the batch's 1 s wins
        lock = text("SELECT 1 FROM ledger_accounts WHERE id = :id FOR UPDATE")
        if first == "fee account":
            await other.execute(lock, {"id": fees})
        else:
            hold = "SELECT id FROM ledger_holds WHERE status = 'pending' AND asset_code <> 'USD'"
            await other.execute(text(f"{hold} FOR UPDATE"))
        buying = asyncio.create_task(
            trading.place(buyer, symbol="SOL-USD", side="buy", quantity="1", price="150.00")
        )
        waiting = text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database() AND pid <> pg_backend_pid()"
        )
        for _ in range(500):  # until the batch waits for that row (bounded)
            await other.execute(text("SELECT pg_stat_clear_snapshot()"))  # a fresh look
            if await other.scalar(waiting):
                break
            await asyncio.sleep(0.01)
        await other.execute(lock, {"id": cash})  # the cycle: PostgreSQL aborts the batch
        await other.rollback()
        response = await buying
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "filled"
    assert (matcher.retried, matcher.failed) == (1, 1)
    assert await trading.balance(buyer, "USD") == (D("1000.00") - 2 * D("150.15"), D("0"))
    warnings = [r for r in caplog.records if r.name == "meridian.trading.matcher"]
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in warnings] == [
        ("WARNING", "trading batch run again after a concurrent update", None)
    ]
