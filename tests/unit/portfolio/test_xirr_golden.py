"""XIRR, XNPV and the periodic IRR give the figures the reference tools give
(shared TEST_VECTORS.md), and refuse flows that have no rate with the reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import IrrUndefined
from domain.portfolio.xirr import periodic_irr, xirr, xnpv

EXCEL_HELP = [
    CashFlow(date(2008, 1, 1), Decimal(-10000)),
    CashFlow(date(2008, 3, 1), Decimal(2750)),
    CashFlow(date(2008, 10, 30), Decimal(4250)),
    CashFlow(date(2009, 2, 15), Decimal(3250)),
    CashFlow(date(2009, 4, 1), Decimal(2750)),
]


def test_excel_help_example() -> None:
    rate = xirr(EXCEL_HELP)
    assert isinstance(rate, Decimal)
    assert abs(rate - Decimal("0.373362535")) < Decimal("1e-6")


def test_xnpv_of_the_excel_example_at_nine_percent() -> None:
    assert abs(xnpv(Decimal("0.09"), EXCEL_HELP) - Decimal("2086.6476")) < Decimal("1e-4")


def test_later_dates_in_any_order_give_the_same_rate() -> None:
    shuffled = [EXCEL_HELP[0], EXCEL_HELP[3], EXCEL_HELP[1], EXCEL_HELP[4], EXCEL_HELP[2]]
    assert xirr(shuffled) == xirr(EXCEL_HELP)


def test_periodic_irr_numpy_financial_docstring() -> None:
    rate = periodic_irr([Decimal(v) for v in (-100, 39, 59, 55, 20)])
    assert abs(rate - Decimal("0.28094842116")) < Decimal("1e-10")


@pytest.mark.parametrize(
    "amounts",
    [(-100, -50, -25), (100, 50, 25), (0, 0, 0), (-100, 0, 0)],
)
def test_one_signed_flows_have_no_rate(amounts: tuple[int, ...]) -> None:
    flows = [CashFlow(date(2020, 1, 1 + i), Decimal(a)) for i, a in enumerate(amounts)]
    with pytest.raises(IrrUndefined) as refused:
        xirr(flows)
    assert refused.value.reason == "one_signed_flows"


def test_a_single_flow_is_one_signed() -> None:
    with pytest.raises(IrrUndefined) as refused:
        xirr([CashFlow(date(2020, 1, 1), Decimal(-5))])
    assert refused.value.reason == "one_signed_flows"


def test_flows_all_on_one_date_have_no_rate() -> None:
    flows = [CashFlow(date(2020, 1, 1), Decimal(-5)), CashFlow(date(2020, 1, 1), Decimal(6))]
    with pytest.raises(IrrUndefined) as refused:
        xirr(flows)
    assert refused.value.reason == "no_time_elapsed"


def test_a_flow_before_the_first_is_refused_like_excel() -> None:
    flows = [CashFlow(date(2020, 6, 1), Decimal(-100)), CashFlow(date(2020, 1, 1), Decimal(110))]
    with pytest.raises(IrrUndefined) as refused:
        xirr(flows)
    assert refused.value.reason == "date_before_start"


def test_flows_that_change_sign_but_never_break_even_have_no_root() -> None:
    # -100, +300, -300 a year apart: NPV(r) = -100 + 300/(1+r) - 300/(1+r)^2 < 0 for every r.
    flows = [
        CashFlow(date(2020, 1, 1), Decimal(-100)),
        CashFlow(date(2021, 1, 1), Decimal(300)),
        CashFlow(date(2022, 1, 1), Decimal(-300)),
    ]
    with pytest.raises(IrrUndefined) as refused:
        xirr(flows)
    assert refused.value.reason == "no_root_found"


def test_of_two_roots_the_one_newton_reaches_from_ten_percent() -> None:
    # -100, +230, -132 a year apart: roots at 10% and 20%; Excel (Newton from 0.1) says 10%.
    flows = [
        CashFlow(date(2021, 1, 1), Decimal(-100)),
        CashFlow(date(2022, 1, 1), Decimal(230)),
        CashFlow(date(2023, 1, 1), Decimal(-132)),
    ]
    assert abs(xirr(flows) - Decimal("0.1")) < Decimal("1e-3")


def test_a_total_loss_is_near_minus_one_hundred_percent_not_an_error() -> None:
    flows = [CashFlow(date(2020, 1, 1), Decimal(-1000)), CashFlow(date(2023, 1, 1), Decimal(1))]
    rate = xirr(flows)
    assert Decimal("-0.91") < rate < Decimal("-0.89")
