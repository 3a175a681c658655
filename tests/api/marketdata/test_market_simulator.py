"""The simulated market on the real app and PostgreSQL: simulator accounts made once through
identity's and kyc's use cases and funded in the ledger, their agents' orders placed, matched
and settled by trading's use cases, a halted instrument left alone, one run at a time across
processes (the advisory lock), and the ledger consistent afterwards."""

from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI

from adapters.persistence.marketdata.simulator_lock import SqlSimulatorLock
from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from domain.trading.terms import OrderStatus
from infrastructure.container import Container
from infrastructure.demo.market_simulator import prepare, simulate
from usecases.identity.administration.ports import UserQuery
from usecases.identity.administration.search_users import SearchUsers, SearchUsersHandler
from usecases.ledger.check_ledger import CheckLedger, CheckLedgerHandler
from usecases.ledger.get_my_balances import GetMyBalances, GetMyBalancesHandler
from usecases.marketdata.simulation.participants import FUNDING, Role
from usecases.trading.instruments.halt_instrument import (
    ChangeTradingStatus,
    HaltInstrumentHandler,
)
from usecases.trading.instruments.list_instruments import GetInstrument, GetInstrumentHandler
from usecases.trading.instruments.seed_instruments import SeedInstruments, SeedInstrumentsHandler
from usecases.trading.orders.list_my_fills import ListMyFills, ListMyFillsHandler
from usecases.trading.orders.list_my_orders import ListMyOrders, ListMyOrdersHandler

SYSTEM = Actor.system("test")
SYMBOLS = frozenset({"BTC-USD", "ETH-USD"})  # crypto: open whenever the test runs


def as_user(user_id: object) -> Actor:
    return Actor(kind="user", user_id=user_id)  # type: ignore[arg-type]


async def seeded(app: FastAPI) -> None:
    await app.state.handlers.resolve(SeedInstrumentsHandler).execute(SeedInstruments(actor=SYSTEM))


async def balances(app: FastAPI, user_id: object) -> dict[str, Decimal]:
    page = await app.state.handlers.resolve(GetMyBalancesHandler).execute(
        GetMyBalances(actor=as_user(user_id), page=PageRequest(limit=200))
    )
    return {a.asset.code: a.posted for a in page.items}


async def test_simulator_accounts_are_made_once_verified_and_funded(
    app: FastAPI, container: Container
) -> None:
    await seeded(app)
    first = await prepare(container, SYMBOLS)
    again = await prepare(container, SYMBOLS)
    assert again == first  # the same users: nothing created twice
    assert set(first.desks) == SYMBOLS
    eth_desk = first.desk("ETH-USD")
    assert len(eth_desk.market_makers) == 2
    assert len(eth_desk.noise_traders) == 2
    assert len(eth_desk.momentum_traders) == 1
    assert len(set(first.everyone)) == 10  # no account trades two instruments
    maker = eth_desk.market_makers[0]
    found = await app.state.handlers.resolve(SearchUsersHandler).execute(
        SearchUsers(
            actor=SYSTEM,
            query=UserQuery(email="market-maker-1.eth-usd@simulator.meridian.dev"),
            page=PageRequest(limit=5),
        )
    )
    (view,) = found.items
    assert view.id == maker
    assert view.full_name == "Market Simulator Market Maker 1 ETH-USD"
    assert view.kyc_level >= container.settings.kyc_required_levels["trade"]
    held = await balances(app, maker)
    assert held["USD"] == FUNDING[Role.MARKET_MAKER].cash  # topped up once, not twice
    eth = await app.state.handlers.resolve(GetInstrumentHandler).execute(
        GetInstrument(actor=SYSTEM, symbol="ETH-USD")
    )
    expected = FUNDING[Role.MARKET_MAKER].securities_notional / eth.reference_price
    assert held["ETH-USD"] == expected.quantize(Decimal("0.001"))
    assert set(held) == {"USD", "ETH-USD"}  # only what it will trade


async def test_agents_trade_through_the_real_books_and_leave_nothing_resting(
    app: FastAPI, container: Container
) -> None:
    await seeded(app)
    participants = await prepare(container, SYMBOLS)
    summary = await simulate(
        container, participants, ticks=8, interval_seconds=0.05, seed=3, symbols=SYMBOLS
    )
    assert summary.ran
    assert summary.ticks == 8
    assert summary.orders_placed > 20
    assert summary.trades > 0
    assert {s.symbol for s in summary.symbols} == SYMBOLS
    fills = 0
    for user in participants.everyone:
        page = await app.state.handlers.resolve(ListMyFillsHandler).execute(
            ListMyFills(actor=as_user(user), page=PageRequest(limit=200))
        )
        fills += len(page.items)
    assert fills >= 2 * summary.trades  # every trade has a maker's and a taker's fill
    makers = [u for desk in participants.desks.values() for u in desk.market_makers]
    for maker in makers:  # its quotes were cancelled when the run ended
        for status in (OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED):
            page = await app.state.handlers.resolve(ListMyOrdersHandler).execute(
                ListMyOrders(actor=as_user(maker), page=PageRequest(limit=200), status=status)
            )
            assert [o for o in page.items if o.resting] == []
    report = await app.state.handlers.resolve(CheckLedgerHandler).execute(CheckLedger(actor=SYSTEM))
    assert report.consistent, report.violation


async def test_a_halted_instrument_is_left_alone(app: FastAPI, container: Container) -> None:
    await seeded(app)
    await app.state.handlers.resolve(HaltInstrumentHandler).execute(
        ChangeTradingStatus(actor=SYSTEM, symbol="ETH-USD")
    )
    participants = await prepare(container, SYMBOLS)
    summary = await simulate(
        container, participants, ticks=4, interval_seconds=0.05, seed=5, symbols=SYMBOLS
    )
    assert [s.symbol for s in summary.symbols] == ["BTC-USD"]
    assert summary.refused.get("instrument_halted") is None  # not even tried


async def test_one_simulator_across_processes(app: FastAPI, container: Container) -> None:
    await seeded(app)
    participants = await prepare(container, SYMBOLS)
    other = await SqlSimulatorLock(container.engine).try_acquire()  # another process's run
    assert other is not None
    try:
        summary = await simulate(container, participants, ticks=2, interval_seconds=0.05)
        assert not summary.ran
        assert summary.orders_placed == 0
    finally:
        await other.release()
    assert (await simulate(container, participants, ticks=1, interval_seconds=0.05)).ran
