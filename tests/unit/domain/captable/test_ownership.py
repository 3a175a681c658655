"""Percentages by the largest-remainder method: exactly 100 % after rounding, each within one
unit of the exact share; fully diluted counts preferred as converted."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.captable.cap_table import Holding
from domain.captable.ownership import largest_remainder, ownership
from domain.captable.share_class import ClassType
from domain.shared.ids import new_uuid
from tests.unit.domain.captable.builders import ALICE, BOB, CAROL, share_class


def test_three_equal_holders_get_the_leftover_hundredth_first() -> None:
    assert largest_remainder([Decimal(1)] * 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_an_equal_remainder_goes_to_the_larger_holder() -> None:
    # 7, 3 and 1 of 30 shares leave the same remainder (a third of a hundredth): the
    # hundredth left over goes to the first of the 7s, not to the 1 (whose share, rounded to
    # 28 digits, once looked larger)
    weights = [Decimal(w) for w in (7, 7, 7, 3, 3, 2, 1)]
    assert largest_remainder(weights) == [
        Decimal(p) for p in ("23.34", "23.33", "23.33", "10.00", "10.00", "6.67", "3.33")
    ]


def test_nobody_holding_anything_is_zero_percent_each() -> None:
    assert largest_remainder([Decimal(0), Decimal(0)]) == [Decimal("0.00")] * 2


@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=1, max_size=60))
def test_percentages_sum_to_exactly_a_hundred(weights: list[Decimal]) -> None:
    shares = largest_remainder(weights)
    total = sum(weights, Decimal(0))
    if total == 0:
        assert set(shares) == {Decimal("0.00")}
        return
    assert sum(shares, Decimal(0)) == Decimal("100.00")
    for weight, share in zip(weights, shares, strict=True):
        assert abs(share - weight * 100 / total) < Decimal("0.01")


def test_fully_diluted_counts_preferred_as_converted() -> None:
    common = share_class("CS")
    preferred = share_class("PA", class_type=ClassType.PREFERRED, conversion_ratio="3")
    classes = {common.id: common, preferred.id: preferred}
    table = ownership(
        [
            Holding(ALICE, common.id, Decimal(600), 1),
            Holding(BOB, preferred.id, Decimal(100), 1),
            Holding(CAROL, common.id, Decimal(300), 2),
        ],
        classes,
    )
    rows = {r.stakeholder_id: r for r in table.holders}
    assert rows[ALICE].outstanding_percent == Decimal("60.00")
    assert rows[BOB].outstanding_percent == Decimal("10.00")
    assert rows[BOB].fully_diluted == 300
    assert rows[BOB].fully_diluted_percent == Decimal("25.00")
    assert table.outstanding == 1000
    assert table.fully_diluted == 1200
    assert [r.stakeholder_id for r in table.holders] == [ALICE, CAROL, BOB]
    assert new_uuid() not in rows
