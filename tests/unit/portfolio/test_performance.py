"""An investment's figures as its owner reads them: the NAV rolled forward from the latest
valuation, held at cost before the first one, the NAV as the IRR's final flow, a documented
reason instead of a rate where there is none, and currencies never summed together."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.portfolio.activity import Activity, ActivityKind
from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import ActivityBeforeStart, ActivityCurrencyMismatch, InvalidActivity
from domain.portfolio.investment import Investment, InvestmentKind
from domain.portfolio.performance import performances, summaries, sums_of
from domain.portfolio.xirr import xirr
from domain.shared.ids import UserId

NOW = datetime(2025, 1, 1, tzinfo=UTC)
OWNER = UserId(uuid4())


def fund(currency: str = "USD", sector: str = "Software") -> Investment:
    return Investment.new(
        owner_id=OWNER,
        name="Growth Fund III",
        kind=InvestmentKind.FUND_COMMITMENT,
        sponsor="Acme Capital",
        sector=sector,
        geography="US",
        vintage=2020,
        currency=currency,
        commitment=Decimal(1000),
        start_date=date(2020, 1, 1),
        now=NOW,
    )


def act(inv: Investment, kind: ActivityKind, on: date, amount: int) -> Activity:
    return Activity.new(
        inv,
        kind=kind,
        occurred_on=on,
        amount=Decimal(amount),
        currency=inv.currency,
        note=None,
        now=NOW,
    )


def test_nav_rolls_forward_from_the_latest_valuation() -> None:
    inv = fund()
    acts = [
        act(inv, ActivityKind.CONTRIBUTION, date(2020, 1, 1), 500),
        act(inv, ActivityKind.VALUATION, date(2021, 1, 1), 600),
        act(inv, ActivityKind.CONTRIBUTION, date(2021, 6, 1), 200),
        act(inv, ActivityKind.GAIN, date(2021, 9, 1), 100),
    ]
    [perf] = performances([(inv, sums_of(acts))])
    t = perf.totals
    assert [t.nav, t.paid_in, t.distributed, t.unfunded] == [700, 700, 100, 300]
    assert t.as_of == date(2021, 9, 1)
    assert t.multiples.tvpi == Decimal("1.142857")
    expected = xirr(
        [
            CashFlow(date(2020, 1, 1), Decimal(-500)),
            CashFlow(date(2021, 6, 1), Decimal(-200)),
            CashFlow(date(2021, 9, 1), Decimal(100)),
            CashFlow(date(2021, 9, 1), Decimal(700)),
        ]
    )
    assert perf.irr.rate == expected


def test_before_a_valuation_the_investment_is_held_at_cost() -> None:
    inv = fund()
    [perf] = performances(
        [(inv, sums_of([act(inv, ActivityKind.CONTRIBUTION, date(2020, 2, 1), 400)]))]
    )
    assert perf.totals.valued_at_cost
    assert perf.totals.nav == 400
    assert perf.irr.rate is None
    assert perf.irr.reason == "no_time_elapsed"


def test_calls_with_nothing_back_and_nothing_held_have_no_irr_and_say_why() -> None:
    inv = fund()
    acts = [
        act(inv, ActivityKind.CONTRIBUTION, date(2020, 2, 1), 400),
        act(inv, ActivityKind.VALUATION, date(2020, 12, 31), 0),
    ]
    [perf] = performances([(inv, sums_of(acts))])
    assert perf.irr.rate is None
    assert perf.irr.reason == "one_signed_flows"
    assert perf.irr.explanation


def test_no_activities_at_all() -> None:
    [perf] = performances([(fund(), sums_of([]))])
    assert perf.irr.reason == "too_few_flows"
    assert perf.totals.multiples.tvpi is None


def test_currencies_are_summarised_apart() -> None:
    usd, eur, usd2 = fund("USD"), fund("EUR"), fund("USD", sector="Health")
    holdings = [
        (
            usd,
            [
                act(usd, ActivityKind.CONTRIBUTION, date(2020, 1, 1), 100),
                act(usd, ActivityKind.VALUATION, date(2021, 1, 1), 150),
            ],
        ),
        (eur, [act(eur, ActivityKind.CONTRIBUTION, date(2020, 1, 1), 900)]),
        (
            usd2,
            [
                act(usd2, ActivityKind.CONTRIBUTION, date(2020, 1, 1), 100),
                act(usd2, ActivityKind.VALUATION, date(2021, 1, 1), 50),
            ],
        ),
    ]
    eur_summary, usd_summary = summaries([(i, sums_of(a)) for i, a in holdings])
    assert (eur_summary.currency, usd_summary.currency) == ("EUR", "USD")
    assert usd_summary.performance.totals.nav == 200
    assert usd_summary.investments == 2
    assert [(s.key, s.weight) for s in usd_summary.by_sector] == [
        ("Software", Decimal("0.75")),
        ("Health", Decimal("0.25")),
    ]
    assert usd_summary.concentration == Decimal("0.625")
    assert usd_summary.performance.irr.rate == Decimal(0)


def test_an_activity_before_the_start_is_refused() -> None:
    with pytest.raises(ActivityBeforeStart):
        act(fund(), ActivityKind.CONTRIBUTION, date(2019, 12, 31), 10)


def test_a_distribution_in_another_currency_is_refused() -> None:
    inv = fund("USD")
    with pytest.raises(ActivityCurrencyMismatch) as refused:
        Activity.new(
            inv,
            kind=ActivityKind.INCOME,
            occurred_on=date(2021, 1, 1),
            amount=Decimal(5),
            currency="EUR",
            note=None,
            now=NOW,
        )
    assert refused.value.errors[0].field == "currency"


def test_amounts_are_positive_and_in_the_currency_minor_units() -> None:
    inv = fund("JPY")
    with pytest.raises(InvalidActivity):
        act(inv, ActivityKind.FEE, date(2021, 1, 1), -5)
    with pytest.raises(InvalidActivity):
        Activity.new(
            inv,
            kind=ActivityKind.FEE,
            occurred_on=date(2021, 1, 1),
            amount=Decimal("1.5"),
            currency="JPY",
            note=None,
            now=NOW,
        )
