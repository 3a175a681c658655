"""The agents' decisions: market makers quote on the grid around the fair value, skewed against
their inventory and never past its limit, replacing stale quotes; noise traders send small
orders that trade at once; momentum traders follow the recent return."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from domain.marketdata.simulation.grid import PriceGrid
from domain.marketdata.simulation.intents import (
    LiveQuote,
    MarketView,
    Quote,
    Side,
    Take,
    Withdraw,
)
from domain.marketdata.simulation.market_maker import MarketMaker
from domain.marketdata.simulation.momentum_trader import MomentumTrader
from domain.marketdata.simulation.noise_trader import NoiseTrader

GRID = PriceGrid(
    tick_size=Decimal("0.01"),
    lot_size=Decimal("0.001"),
    low=Decimal("2000.00"),
    high=Decimal("3000.00"),
    min_notional=Decimal("1.00"),
)
VIEW = MarketView(
    grid=GRID, fair=Decimal("2500.00"), best_bid=Decimal("2499.00"), best_ask=Decimal("2501.00")
)
MAKER = MarketMaker(
    spread_bps=Decimal(20), quote_notional=Decimal(5_000), inventory_limit=Decimal(50_000)
)


def quotes(intents: list[object]) -> dict[Side, Quote]:
    return {i.side: i for i in intents if isinstance(i, Quote)}


def on_grid(value: Decimal, step: Decimal) -> bool:
    return value % step == 0


def test_a_flat_market_maker_quotes_both_sides_on_the_grid_around_fair_value() -> None:
    placed = quotes(MAKER.decide(VIEW, Decimal(0), [], step=1))
    bid, ask = placed[Side.BUY], placed[Side.SELL]
    assert bid.price < VIEW.fair < ask.price
    assert bid.price == Decimal("2497.50")
    assert ask.price == Decimal("2502.50")
    for quote in (bid, ask):
        assert on_grid(quote.price, GRID.tick_size)
        assert on_grid(quote.quantity, GRID.lot_size)
        assert GRID.low <= quote.price <= GRID.high
        assert quote.quantity == Decimal("2.000")  # 5,000 of notional at 2,500


def test_quotes_skew_against_the_inventory() -> None:
    flat = quotes(MAKER.decide(VIEW, Decimal(0), [], step=1))
    long = quotes(MAKER.decide(VIEW, Decimal(10), [], step=1))
    short = quotes(MAKER.decide(VIEW, Decimal(-10), [], step=1))
    assert long[Side.BUY].price < flat[Side.BUY].price
    assert long[Side.SELL].price < flat[Side.SELL].price
    assert short[Side.BUY].price > flat[Side.BUY].price
    assert short[Side.SELL].price > flat[Side.SELL].price


def test_at_the_inventory_limit_the_side_that_would_pass_it_is_not_quoted() -> None:
    limit = MAKER.inventory_limit / VIEW.fair  # 20 at 2,500
    resting_bid = LiveQuote(ref="bid-1", side=Side.BUY, price=Decimal("2497.50"), placed_at=1)
    intents = MAKER.decide(VIEW, limit - Decimal(1), [resting_bid], step=2)
    assert Withdraw(ref="bid-1") in intents  # no more buying: the resting bid goes
    assert set(quotes(intents)) == {Side.SELL}
    short = quotes(MAKER.decide(VIEW, -limit + Decimal(1), [], step=2))
    assert set(short) == {Side.BUY}


@pytest.mark.parametrize("seed", range(20))
def test_no_quote_ever_takes_the_inventory_past_its_limit(seed: int) -> None:
    rng = random.Random(seed)
    limit = MAKER.inventory_limit / VIEW.fair
    for _ in range(50):
        inventory = Decimal(rng.randint(-2500, 2500)) / 100
        for quote in quotes(MAKER.decide(VIEW, inventory, [], step=1)).values():
            bought = quote.side is Side.BUY
            after = inventory + quote.quantity if bought else inventory - quote.quantity
            assert abs(after) <= limit or abs(after) < abs(inventory)  # or back towards it


def test_a_fresh_quote_near_its_target_is_kept_and_a_stale_one_replaced() -> None:
    kept = LiveQuote(ref="bid", side=Side.BUY, price=Decimal("2497.51"), placed_at=5)
    far = LiveQuote(ref="ask", side=Side.SELL, price=Decimal("2510.00"), placed_at=5)
    intents = MAKER.decide(VIEW, Decimal(0), [kept, far], step=6)
    assert intents[0] == Withdraw(ref="ask")  # cancelled before its replacement is placed
    assert set(quotes(intents)) == {Side.SELL}
    old = LiveQuote(ref="old", side=Side.BUY, price=Decimal("2497.50"), placed_at=1)
    aged = MAKER.decide(VIEW, Decimal(0), [old], step=1 + MAKER.max_age + 1)
    assert Withdraw(ref="old") in aged
    assert Side.BUY in quotes(aged)


def test_a_wide_fair_value_near_the_band_is_quoted_inside_it() -> None:
    edge = MarketView(grid=GRID, fair=Decimal("2999.99"), best_bid=None, best_ask=None)
    placed = quotes(MAKER.decide(edge, Decimal(0), [], step=1))
    assert all(GRID.low <= q.price <= GRID.high for q in placed.values())
    assert placed[Side.BUY].price < placed[Side.SELL].price


def test_noise_orders_trade_at_once_on_the_grid() -> None:
    trader = NoiseTrader(probability=1.0)
    rng = random.Random(3)
    orders = [o for _ in range(200) for o in trader.decide(VIEW, rng)]
    assert len(orders) == 200
    assert all(isinstance(o, Take) for o in orders)
    assert {o.side for o in orders} == {Side.BUY, Side.SELL}
    assert any(o.limit is None for o in orders)
    assert any(o.limit is not None for o in orders)
    for order in orders:
        assert isinstance(order, Take)
        assert on_grid(order.quantity, GRID.lot_size)
        assert order.quantity > 0
        if order.limit is not None:  # marketable: at or through the best opposite price
            assert on_grid(order.limit, GRID.tick_size)
            if order.side is Side.BUY:
                assert order.limit >= VIEW.best_ask  # type: ignore[operator]
            else:
                assert order.limit <= VIEW.best_bid  # type: ignore[operator]


def test_noise_traders_do_not_send_into_an_empty_side() -> None:
    empty = MarketView(grid=GRID, fair=VIEW.fair, best_bid=None, best_ask=None)
    rng = random.Random(1)
    assert not [o for _ in range(100) for o in NoiseTrader(probability=1.0).decide(empty, rng)]


def rising(start: str, step: str, n: int) -> list[Decimal]:
    return [Decimal(start) + Decimal(step) * i for i in range(n)]


MOMENTUM = MomentumTrader(lookback=5, threshold=Decimal("0.002"), probability=1.0)


def test_momentum_buys_after_a_rise_and_sells_after_a_fall() -> None:
    rng = random.Random(2)
    up = MOMENTUM.decide(VIEW, rising("2400", "10", 8), Decimal(0), rng)
    down = MOMENTUM.decide(VIEW, rising("2600", "-10", 8), Decimal(0), rng)
    assert [o.side for o in up] == [Side.BUY]
    assert [o.side for o in down] == [Side.SELL]
    assert all(isinstance(o, Take) for o in up + down)


def test_momentum_stays_out_of_a_flat_market_and_without_history() -> None:
    rng = random.Random(2)
    assert MOMENTUM.decide(VIEW, rising("2500", "0.01", 8), Decimal(0), rng) == []
    assert MOMENTUM.decide(VIEW, rising("2400", "10", 3), Decimal(0), rng) == []


def test_momentum_keeps_to_its_inventory_limit_but_may_trade_back_towards_flat() -> None:
    rng = random.Random(2)
    limit = MOMENTUM.inventory_limit / VIEW.fair
    assert MOMENTUM.decide(VIEW, rising("2400", "10", 8), limit, rng) == []
    back = MOMENTUM.decide(VIEW, rising("2600", "-10", 8), limit, rng)
    assert [o.side for o in back] == [Side.SELL]


def test_a_quote_drifting_less_than_its_half_spread_is_left_alone() -> None:
    near = LiveQuote(ref="bid", side=Side.BUY, price=Decimal("2499.50"), placed_at=5)  # 2.00 off
    intents = MAKER.decide(VIEW, Decimal(0), [near], step=6)  # half spread 2.50: allowed
    assert Withdraw(ref="bid") not in intents
    assert set(quotes(intents)) == {Side.SELL}
    drifted = LiveQuote(ref="bid", side=Side.BUY, price=Decimal("2500.01"), placed_at=5)
    assert Withdraw(ref="bid") in MAKER.decide(VIEW, Decimal(0), [drifted], step=6)
