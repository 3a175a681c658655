"""The figures of one investment, and of every investment in one currency together.

* Totals: contributed (capital calls), fees, paid-in (both), distributed (return of capital,
  gains, income, each also on its own), unfunded (commitment less contributed, never below 0).
* Residual value (NAV): the latest valuation rolled forward, plus the contributions and less
  the distributions dated after it (never below 0); with no valuation yet, the investment is
  held at cost (contributed less capital returned) and ``valued_at_cost`` says so.
* ``as_of``: the date of the latest activity; the NAV is the final flow of the net IRR on it.
* Net IRR: XIRR of contributions and fees (negative), distributions (positive) and the NAV as a
  final positive flow. Where there is none it is ``None`` with the reason (``one_signed_flows``:
  nothing received and nothing held yet; ``too_few_flows``; ``no_root_found``).
* A currency's figures pool the flows of its investments (one IRR over all of them); figures are
  never summed across currencies (there is no implicit exchange rate).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain

from domain.portfolio.activity import Activity, ActivityKind
from domain.portfolio.allocation import Slice, allocation, herfindahl
from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import IndexValueMissing, IrrUndefined
from domain.portfolio.investment import Investment
from domain.portfolio.multiples import Multiples, multiples
from domain.portfolio.pme import IndexSeries, direct_alpha, ks_pme
from domain.portfolio.xirr import IrrAnswer, irr_answers

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Totals:
    currency: str
    commitment: Decimal
    contributed: Decimal
    fees: Decimal
    return_of_capital: Decimal
    gains: Decimal
    income: Decimal
    nav: Decimal
    valued_at_cost: bool
    as_of: date | None

    @property
    def paid_in(self) -> Decimal:
        return self.contributed + self.fees

    @property
    def distributed(self) -> Decimal:
        return self.return_of_capital + self.gains + self.income

    @property
    def unfunded(self) -> Decimal:
        return max(self.commitment - self.contributed, ZERO)

    @property
    def multiples(self) -> Multiples:
        return multiples(
            contributed=self.contributed,
            fees=self.fees,
            distributed=self.distributed,
            residual=self.nav,
        )


@dataclass(frozen=True, slots=True)
class PublicMarketEquivalent:
    index: str
    ks_pme: Decimal | None
    direct_alpha: Decimal | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Performance:
    totals: Totals
    irr: IrrAnswer
    pme: PublicMarketEquivalent | None = None


@dataclass(frozen=True, slots=True)
class CurrencySummary:
    currency: str
    investments: int
    performance: Performance
    by_kind: list[Slice]
    by_sector: list[Slice]
    by_geography: list[Slice]
    by_vintage: list[Slice]
    concentration: Decimal | None  # Herfindahl over the investments' NAV


@dataclass(frozen=True, slots=True)
class Sums:
    """What the figures of one investment are made of: its activities summed by kind, the
    latest valuation (by date, then by when it was recorded) and what moved after its date,
    the latest activity's date, and the money flows oldest first (the amounts as floats: they
    only feed the IRR solver). ``sums_of`` defines it; the database computes the same for many
    investments at once (``tests/api/portfolio`` checks they agree)."""

    contributed: Decimal = ZERO
    fees: Decimal = ZERO
    return_of_capital: Decimal = ZERO
    gains: Decimal = ZERO
    income: Decimal = ZERO
    valuation: Decimal | None = None
    valuation_on: date | None = None
    contributed_after: Decimal = ZERO  # after the latest valuation's date
    distributed_after: Decimal = ZERO
    last_on: date | None = None
    flow_dates: tuple[date, ...] = ()
    flow_amounts: tuple[float, ...] = ()


def _sum(activities: Sequence[Activity], kind: ActivityKind) -> Decimal:
    return sum((a.amount for a in activities if a.kind is kind), ZERO)


def sums_of(activities: Sequence[Activity]) -> Sums:
    ordered = sorted(activities, key=lambda a: (a.occurred_on, a.created_at))
    valuations = [a for a in ordered if a.kind is ActivityKind.VALUATION]
    latest = valuations[-1] if valuations else None
    after = [a for a in ordered if latest is not None and a.occurred_on > latest.occurred_on]
    moved = [a for a in ordered if a.cash_flow != 0]
    return Sums(
        contributed=_sum(ordered, ActivityKind.CONTRIBUTION),
        fees=_sum(ordered, ActivityKind.FEE),
        return_of_capital=_sum(ordered, ActivityKind.RETURN_OF_CAPITAL),
        gains=_sum(ordered, ActivityKind.GAIN),
        income=_sum(ordered, ActivityKind.INCOME),
        valuation=None if latest is None else latest.amount,
        valuation_on=None if latest is None else latest.occurred_on,
        contributed_after=_sum(after, ActivityKind.CONTRIBUTION),
        distributed_after=sum((a.amount for a in after if a.kind.is_distribution), ZERO),
        last_on=ordered[-1].occurred_on if ordered else None,
        flow_dates=tuple(a.occurred_on for a in moved),
        flow_amounts=tuple(float(a.cash_flow) for a in moved),
    )


def totals_from(investment: Investment, sums: Sums) -> Totals:
    if sums.valuation is not None:
        rolled = sums.valuation + sums.contributed_after - sums.distributed_after
        nav, at_cost = max(rolled, ZERO), False
    else:
        nav, at_cost = max(sums.contributed - sums.return_of_capital, ZERO), True
    return Totals(
        currency=investment.currency,
        commitment=investment.commitment,
        contributed=sums.contributed,
        fees=sums.fees,
        return_of_capital=sums.return_of_capital,
        gains=sums.gains,
        income=sums.income,
        nav=nav,
        valued_at_cost=at_cost,
        as_of=sums.last_on,
    )


def totals_of(investment: Investment, activities: Sequence[Activity]) -> Totals:
    return totals_from(investment, sums_of(activities))


def money_flows(activities: Sequence[Activity]) -> list[CashFlow]:
    """The money that moved, oldest first (valuations move none)."""
    ordered = sorted(activities, key=lambda a: (a.occurred_on, a.created_at))
    return [CashFlow(a.occurred_on, a.cash_flow) for a in ordered if a.cash_flow != 0]


FlowSet = tuple[list[date], list[float]]


def irr_flows(sums: Sums, totals: Totals) -> FlowSet:
    """The net IRR's flows: the money that moved and the NAV as the final flow."""
    dates, amounts = list(sums.flow_dates), list(sums.flow_amounts)
    if totals.as_of is not None and totals.nav > 0:
        dates.append(totals.as_of)
        amounts.append(float(totals.nav))
    return dates, amounts


def _pme(
    activities: Sequence[Activity], totals: Totals, name: str, index: IndexSeries
) -> PublicMarketEquivalent:
    if totals.as_of is None:
        return PublicMarketEquivalent(name, None, None, "too_few_flows")
    flows = money_flows(activities)
    try:
        pme = ks_pme(flows, totals.nav, totals.as_of, index)
        alpha = direct_alpha(flows, totals.nav, totals.as_of, index)
    except IndexValueMissing:
        return PublicMarketEquivalent(name, None, None, "index_value_missing")
    except IrrUndefined as undefined:
        return PublicMarketEquivalent(name, pme, None, undefined.reason)
    return PublicMarketEquivalent(name, pme, alpha, None)


Holding = tuple[Investment, Sums]


def _pooled(sets: Sequence[FlowSet]) -> FlowSet:
    """Every flow of ``sets`` in one set, the earliest first (XIRR counts time from the first
    flow; the others may come in any order). Joined list by list, never flow by flow: the
    dashboard pools tens of thousands of flows."""
    dates = list(chain.from_iterable(d for d, _ in sets))
    amounts = list(chain.from_iterable(a for _, a in sets))
    if dates:
        first = dates.index(min(dates))
        dates[0], dates[first] = dates[first], dates[0]
        amounts[0], amounts[first] = amounts[first], amounts[0]
    return dates, amounts


# An investment with its totals and its net IRR's flows, computed once for both the
# investment's figures and its currency's.
Figured = tuple[Investment, Totals, FlowSet]


def _figured(holdings: Sequence[Holding]) -> list[Figured]:
    found = []
    for inv, sums in holdings:
        t = totals_from(inv, sums)
        found.append((inv, t, irr_flows(sums, t)))
    return found


def performances(
    holdings: Sequence[Holding],
    pme: Callable[[Totals], PublicMarketEquivalent] | None = None,
) -> list[Performance]:
    """The figures of each investment, their IRRs solved in one batch."""
    return _performances(_figured(holdings), pme)


def _performances(
    figured: Sequence[Figured], pme: Callable[[Totals], PublicMarketEquivalent] | None = None
) -> list[Performance]:
    answers = irr_answers([flows for _, _, flows in figured])
    return [
        Performance(totals=t, irr=answer, pme=None if pme is None else pme(t))
        for (_, t, _), answer in zip(figured, answers, strict=True)
    ]


def portfolio_figures(
    holdings: Sequence[Holding],
) -> tuple[list[Performance], list[CurrencySummary]]:
    """Each investment's figures and each currency's summary (the dashboard), every total
    and flow set computed once for both."""
    figured = _figured(holdings)
    return _performances(figured), _summaries(figured)


def public_market_equivalent(
    activities: Sequence[Activity], name: str, index: IndexSeries
) -> Callable[[Totals], PublicMarketEquivalent]:
    return lambda totals: _pme(activities, totals, name, index)


def summaries(holdings: Sequence[Holding]) -> list[CurrencySummary]:
    """One summary per currency held, alphabetical; each pools its investments' flows."""
    return _summaries(_figured(holdings))


def _summaries(figured: Sequence[Figured]) -> list[CurrencySummary]:
    by_currency: dict[str, list[Figured]] = {}
    for item in figured:
        by_currency.setdefault(item[0].currency, []).append(item)
    currencies = sorted(by_currency)
    pooled: list[Totals] = []
    flow_sets: list[FlowSet] = []
    navs: list[list[tuple[Investment, Totals]]] = []
    for currency in currencies:
        group = by_currency[currency]
        each = [(inv, t) for inv, t, _ in group]
        navs.append(each)
        flow_sets.append(_pooled([flows for _, _, flows in group]))
        dates_held = [t.as_of for _, t in each if t.as_of is not None]
        pooled.append(
            Totals(
                currency=currency,
                commitment=sum((t.commitment for _, t in each), ZERO),
                contributed=sum((t.contributed for _, t in each), ZERO),
                fees=sum((t.fees for _, t in each), ZERO),
                return_of_capital=sum((t.return_of_capital for _, t in each), ZERO),
                gains=sum((t.gains for _, t in each), ZERO),
                income=sum((t.income for _, t in each), ZERO),
                nav=sum((t.nav for _, t in each), ZERO),
                valued_at_cost=any(t.valued_at_cost for _, t in each),
                as_of=max(dates_held) if dates_held else None,
            )
        )
    answers = irr_answers(flow_sets)
    result = []
    for currency, t, answer, each in zip(currencies, pooled, answers, navs, strict=True):
        result.append(
            CurrencySummary(
                currency=currency,
                investments=len(each),
                performance=Performance(totals=t, irr=answer),
                by_kind=allocation((inv.kind.value, n.nav) for inv, n in each),
                by_sector=allocation((inv.sector, n.nav) for inv, n in each),
                by_geography=allocation((inv.geography, n.nav) for inv, n in each),
                by_vintage=allocation((str(inv.vintage), n.nav) for inv, n in each),
                concentration=herfindahl([n.nav for _, n in each]),
            )
        )
    return result
