"""The dashboard's body (``PortfolioSummaryRead``) in two parts: the private half (the
currencies and every investment's figures), rendered once by ``JsonSummaryRenderer`` and
cached by the use case as these bytes, and the live half (the brokerage account and the
platform companies) rendered on every call and joined to it. The joined bytes are exactly
what pydantic renders for the whole ``PortfolioSummaryRead`` (``tests/api/portfolio``
checks), so the schema the OpenAPI document gives is the one answered."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from pydantic import TypeAdapter
from pydantic_core import to_json

from adapters.http.portfolio.schemas import (
    BrokerageSectionRead,
    CompanyHoldingRead,
    CurrencySummaryRead,
    FiguresRead,
    SliceRead,
)
from adapters.http.read_model import money_text
from domain.portfolio.allocation import Slice
from domain.portfolio.investment import Investment
from domain.portfolio.performance import CurrencySummary, Performance
from usecases.portfolio.analytics.get_portfolio_summary import PortfolioSummary

CURRENCIES: Final = TypeAdapter(list[CurrencySummaryRead])
BROKERAGE: Final = TypeAdapter(list[BrokerageSectionRead])
COMPANIES: Final = TypeAdapter(list[CompanyHoldingRead])


def _slices(currency: str, slices: list[Slice]) -> list[SliceRead]:
    return [SliceRead.taking(s, currency=currency) for s in slices]


def currency_read(summary: CurrencySummary) -> CurrencySummaryRead:
    code = summary.currency
    return CurrencySummaryRead(
        currency=code,
        investments=summary.investments,
        figures=FiguresRead.of_performance(summary.performance),
        by_kind=_slices(code, summary.by_kind),
        by_sector=_slices(code, summary.by_sector),
        by_geography=_slices(code, summary.by_geography),
        by_vintage=_slices(code, summary.by_vintage),
        concentration=summary.concentration,
    )


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"  # the schema's ``Ratio`` text


def _figures(performance: Performance) -> dict[str, Any]:
    """What ``FiguresRead.of_performance`` renders, field by field in the schema's order,
    without building and validating a model for each of a thousand investments: the money
    formatted by the same ``money_text``, rates and multiples as ``Ratio`` renders them."""
    t = performance.totals
    m = t.multiples
    code = t.currency
    return {
        "currency": code,
        "commitment": money_text(t.commitment, code),
        "unfunded": money_text(t.unfunded, code),
        "contributed": money_text(t.contributed, code),
        "fees": money_text(t.fees, code),
        "paid_in": money_text(t.paid_in, code),
        "distributed": money_text(t.distributed, code),
        "return_of_capital": money_text(t.return_of_capital, code),
        "gains": money_text(t.gains, code),
        "income": money_text(t.income, code),
        "nav": money_text(t.nav, code),
        "valued_at_cost": t.valued_at_cost,
        "as_of": t.as_of,
        "tvpi": _ratio(m.tvpi),
        "dpi": _ratio(m.dpi),
        "rvpi": _ratio(m.rvpi),
        "moic": _ratio(m.moic),
        "irr": _ratio(performance.irr.rate),
        "irr_reason": performance.irr.reason,
    }


def _investment(inv: Investment) -> dict[str, Any]:
    """What ``InvestmentRead.of`` renders, likewise."""
    return {
        "id": inv.id,
        "name": inv.name,
        "kind": inv.kind.value,
        "sponsor": inv.sponsor,
        "sector": inv.sector,
        "geography": inv.geography,
        "vintage": inv.vintage,
        "currency": inv.currency,
        "commitment": money_text(inv.commitment, inv.currency),
        "start_date": inv.start_date,
        "created_at": inv.created_at,
        "updated_at": inv.updated_at,
    }


class JsonSummaryRenderer:
    """``{"currencies":[...],"investments":[...]}``: the first two fields of the body, the
    same bytes as the validated read schemas render (``tests/api/portfolio`` checks)."""

    def private_half(
        self,
        currencies: Sequence[CurrencySummary],
        investments: Sequence[tuple[Investment, Performance]],
    ) -> bytes:
        sections = CURRENCIES.dump_json([currency_read(c) for c in currencies])
        each = to_json(
            [
                {"investment": _investment(inv), "figures": _figures(perf)}
                for inv, perf in investments
            ]
        )
        return b'{"currencies":' + sections + b',"investments":' + each + b"}"


def summary_body(summary: PortfolioSummary) -> bytes:
    """The whole ``PortfolioSummaryRead``: the private half as cached, then the live half."""
    brokerage = BROKERAGE.dump_json([BrokerageSectionRead.of(b) for b in summary.brokerage])
    companies = COMPANIES.dump_json(
        [CompanyHoldingRead.taking(c.holding, value=c.value) for c in summary.companies]
    )
    private = summary.private
    if not (private.startswith(b'{"currencies":') and private.endswith(b"}")):
        raise ValueError("the private half is not a rendered JSON object")
    return private[:-1] + b',"brokerage":' + brokerage + b',"companies":' + companies + b"}"
