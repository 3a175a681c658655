"""Multiples, public-market equivalents and concentration as an investor reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.portfolio.allocation import allocation, herfindahl
from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import IndexValueMissing
from domain.portfolio.multiples import multiples
from domain.portfolio.pme import IndexLevel, IndexSeries, direct_alpha, ks_pme
from domain.portfolio.xirr import xirr


def test_multiples_of_a_fund_half_returned() -> None:
    m = multiples(
        contributed=Decimal(1000), fees=Decimal(0), distributed=Decimal(600), residual=Decimal(900)
    )
    assert (m.tvpi, m.dpi, m.rvpi, m.moic) == (
        Decimal("1.5"),
        Decimal("0.6"),
        Decimal("0.9"),
        Decimal("1.5"),
    )


def test_fees_count_in_paid_in_but_not_in_moic() -> None:
    m = multiples(
        contributed=Decimal(900), fees=Decimal(100), distributed=Decimal(0), residual=Decimal(1800)
    )
    assert m.tvpi == Decimal("1.8")
    assert m.moic == Decimal("2")


def test_nothing_paid_in_has_no_multiple() -> None:
    m = multiples(
        contributed=Decimal(0), fees=Decimal(0), distributed=Decimal(0), residual=Decimal(0)
    )
    assert m == type(m)(None, None, None, None)


INDEX = IndexSeries(
    [
        IndexLevel(date(2020, 1, 1), Decimal(100)),
        IndexLevel(date(2021, 1, 1), Decimal(110)),
        IndexLevel(date(2022, 1, 1), Decimal(121)),
    ]
)


def test_an_investment_that_tracks_the_index_has_pme_one_and_no_alpha() -> None:
    flows = [CashFlow(date(2020, 1, 1), Decimal(-1000)), CashFlow(date(2021, 1, 1), Decimal(550))]
    nav = Decimal(605)  # the other half, grown 10% a year for two years
    assert ks_pme(flows, nav, date(2022, 1, 1), INDEX) == Decimal(1)
    assert abs(direct_alpha(flows, nav, date(2022, 1, 1), INDEX)) < Decimal("1e-9")


def test_beating_the_index_shows_as_pme_above_one_and_positive_alpha() -> None:
    flows = [CashFlow(date(2020, 1, 1), Decimal(-1000))]
    nav = Decimal(1440)  # 20% a year against the index's 10%
    assert ks_pme(flows, nav, date(2022, 1, 1), INDEX) == Decimal("1.190083")
    alpha = direct_alpha(flows, nav, date(2022, 1, 1), INDEX)
    irr = xirr([*flows, CashFlow(date(2022, 1, 1), nav)])
    assert Decimal("0.09") < alpha < irr


def test_a_flow_before_the_index_starts_is_refused() -> None:
    flows = [CashFlow(date(2019, 6, 1), Decimal(-1000))]
    with pytest.raises(IndexValueMissing):
        ks_pme(flows, Decimal(1000), date(2022, 1, 1), INDEX)


def test_a_weekend_flow_takes_the_last_level_before_it() -> None:
    assert INDEX.level_on(date(2021, 6, 30)) == Decimal(110)


def test_allocation_and_herfindahl() -> None:
    slices = allocation([("tech", Decimal(60)), ("health", Decimal(20)), ("tech", Decimal(20))])
    assert [(s.key, s.value, s.weight) for s in slices] == [
        ("tech", Decimal(80), Decimal("0.8")),
        ("health", Decimal(20), Decimal("0.2")),
    ]
    assert herfindahl([Decimal(50), Decimal(50)]) == Decimal("0.5")
    assert herfindahl([Decimal(7)]) == Decimal(1)
    assert herfindahl([]) is None
