"""What a buy holds always covers what its fills can still cost, at every step of any
sequence of fills at or better than its limit, with the fee rounded half-even per order."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.shared.ids import UserId, new_uuid
from domain.trading.buying_power import buy_hold, cash_due, fee, fill_cash, fill_fee
from domain.trading.position import Position

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TICK, LOT = Decimal("0.01"), Decimal("0.0001")


def test_the_fee_is_half_even_at_the_minor_unit() -> None:
    assert fee(Decimal("5.00"), 10, "USD") == Decimal("0.00")  # 0.005 -> 0.00
    assert fee(Decimal("15.00"), 10, "USD") == Decimal("0.02")  # 0.015 -> 0.02
    assert cash_due(Decimal("1000.005"), 10, "USD") == Decimal("1001.00")


@given(
    limit_ticks=st.integers(1, 10**7),
    fills=st.lists(st.tuples(st.integers(1, 50), st.integers(0, 10**6)), min_size=1, max_size=20),
    bps=st.integers(0, 100),
)
def test_the_hold_after_every_fill_covers_the_rest(
    limit_ticks: int, fills: list[tuple[int, int]], bps: int
) -> None:
    limit = TICK * limit_ticks
    open_lots = sum(q for q, _ in fills)
    filled = Decimal(0)
    held = buy_hold(filled, open_lots * LOT * limit, bps, "USD")
    paid = Decimal(0)
    for lots, better in fills:
        price = TICK * max(1, limit_ticks - better)  # at the limit or better
        notional = lots * LOT * price
        take = fill_cash(filled, notional, "USD") + fill_fee(filled, notional, bps, "USD")
        assert 0 <= take <= held
        filled += notional
        paid += take
        open_lots -= lots
        rest = buy_hold(filled, open_lots * LOT * limit, bps, "USD")
        assert rest <= held - take
        held = rest
    assert paid == cash_due(filled, bps, "USD")


def test_a_position_keeps_average_cost_and_realizes_against_it() -> None:
    user = UserId(new_uuid())
    position = Position.empty(user, new_uuid(), "AAPL", "USD", NOW)
    position = position.bought(Decimal(10), Decimal("1000.00"), NOW)
    position = position.bought(Decimal(10), Decimal("1200.00"), NOW)
    assert position.average_cost == Decimal("110")
    position = position.sold(Decimal(5), Decimal("600.00"), NOW)
    assert (position.quantity, position.cost_basis) == (Decimal(15), Decimal("1650.00"))
    assert position.realized_pnl == Decimal("50.00")
    assert position.unrealized_pnl(Decimal("120")) == Decimal("150.00")
    closed = position.sold(Decimal(15), Decimal("1500.00"), NOW)
    assert (closed.quantity, closed.cost_basis, closed.realized_pnl) == (0, 0, Decimal("-100"))
