"""Schemas of the portfolio API. Money is the ``Money`` component in the investment's currency
(or the summary's); rates and multiples are decimal strings (``"0.1523"`` is 15.23 %), never
numbers; a figure that does not exist is ``null`` with the reason next to it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from fastapi import UploadFile
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    WithJsonSchema,
)

from adapters.http.domain_rules import domain_rule
from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import Money, MoneyInput, PricePerShare, ReadModel
from adapters.http.temporal import IsoDate
from domain.portfolio.activity import ActivityKind
from domain.portfolio.investment import InvestmentKind
from domain.shared.money import Currency

RATIO_PATTERN: Final = r"^-?[0-9]+(\.[0-9]+)?$"


def _check_currency(code: str) -> None:
    Currency(code)


CurrencyCode = Annotated[
    str,
    Field(min_length=3, max_length=3, description="ISO 4217, e.g. USD"),
    domain_rule(_check_currency),
]
Label = Annotated[str, Field(min_length=1, max_length=100)]


def _ratio_text(value: Decimal) -> str:
    return f"{value:f}"


# A rate or a multiple: an exact decimal string; null where the figure does not exist.
Ratio = Annotated[
    Decimal,
    PlainSerializer(_ratio_text, return_type=str),
    WithJsonSchema({"type": "string", "pattern": RATIO_PATTERN, "examples": ["1.250000"]}),
]
# An index level as it was imported, without trailing zeros: "3437.17".
Level = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v.normalize():f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$", "examples": ["3437.17"]}),
]
IRR_REASON_DESCRIPTION: Final = (
    "Why there is no IRR, when `irr` is null: `one_signed_flows` (nothing received and "
    "nothing held yet, or nothing paid in), `too_few_flows` (no activity), `no_time_elapsed` "
    "(every flow on one date), `no_root_found` (no rate makes the flows' present value zero). "
    "Null when there is an IRR."
)

_INVESTMENT_CREATE: dict[str, Any] = {
    "name": "Northwind Growth Fund III",
    "kind": "fund_commitment",
    "sponsor": "Northwind Capital",
    "sector": "Software",
    "geography": "US",
    "vintage": 2021,
    "currency": "USD",
    "commitment": "1000000.00",
    "start_date": "2021-03-31",
}


class InvestmentCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_INVESTMENT_CREATE]})

    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: InvestmentKind
    sponsor: Label = Field(description="The fund manager, lead investor or operator.")
    sector: Label
    geography: Label = Field(description="A country code or a region: US, IN, Europe.")
    vintage: Annotated[StrictInt, Field(ge=1900, le=2200, description="The first close year.")]
    currency: CurrencyCode
    commitment: MoneyInput = Field(description="What was committed (0 for none).")
    start_date: IsoDate = Field(description="No activity may be dated before it.")


class InvestmentUpdate(BaseModel):
    """Only the fields sent change; kind, currency and start stay."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"commitment": "1250000.00", "sector": "Fintech"}]}
    )

    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    sponsor: Label | None = None
    sector: Label | None = None
    geography: Label | None = None
    vintage: Annotated[StrictInt, Field(ge=1900, le=2200)] | None = None
    commitment: MoneyInput | None = None


class InvestmentRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    **_INVESTMENT_CREATE,
                    "created_at": "2026-12-01T10:00:00Z",
                    "updated_at": "2026-12-01T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    name: str
    kind: InvestmentKind
    sponsor: str
    sector: str
    geography: str
    vintage: int
    currency: str
    commitment: Money
    start_date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime


class InvestmentPage(ReadModel):
    model_config = page_config(InvestmentRead)

    items: list[InvestmentRead]
    next_cursor: NextCursor


_ACTIVITY_CREATE: dict[str, Any] = {
    "kind": "contribution",
    "occurred_on": "2021-06-30",
    "amount": "250000.00",
    "currency": "USD",
    "note": "Capital call 2",
}


class ActivityCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                _ACTIVITY_CREATE,
                {
                    "kind": "valuation",
                    "occurred_on": "2021-12-31",
                    "amount": "270000.00",
                    "currency": "USD",
                },
            ]
        }
    )

    kind: ActivityKind = Field(
        description="contribution (a capital call paid) and fee are paid in; return_of_capital, "
        "gain and income are distributions; valuation is a NAV statement."
    )
    occurred_on: IsoDate
    amount: MoneyInput = Field(description="A positive magnitude; the kind gives the direction.")
    currency: CurrencyCode = Field(description="Must be the investment's currency.")
    note: Annotated[str, Field(max_length=500)] | None = None


class ActivityRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "0193a2c4-2a2e-7c3b-9a10-5d7e8f9a0b1c",
                    "investment_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    **_ACTIVITY_CREATE,
                    "created_at": "2026-12-01T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    investment_id: UUID
    kind: ActivityKind
    occurred_on: dt.date
    currency: str
    amount: Money
    note: str | None
    created_at: dt.datetime


class ActivityPage(ReadModel):
    model_config = page_config(ActivityRead)

    items: list[ActivityRead]
    next_cursor: NextCursor


class CsvFileCreate(BaseModel):
    """multipart/form-data: a CSV file (UTF-8, header row first)."""

    file: UploadFile = Field(description="The CSV file.")


class RowProblemRead(ReadModel):
    row: int = Field(description="The spreadsheet row: the header is 1, the first data row 2.")
    column: str | None = Field(description="The column; null for the row or file as a whole.")
    code: str
    message: str


class ActivityImportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "dry_run": True,
                    "rows": 3,
                    "imported": 0,
                    "by_kind": {"contribution": 2},
                    "problems": [
                        {
                            "row": 4,
                            "column": "occurred_on",
                            "code": "activity_before_start",
                            "message": "2020-01-01 is before the investment's start (2021-03-31)",
                        }
                    ],
                }
            ]
        }
    )

    dry_run: bool
    rows: int = Field(description="Data rows read.")
    imported: int = Field(description="Activities written (0 in a dry run).")
    by_kind: dict[str, int] = Field(description="Rows that passed, by kind.")
    problems: list[RowProblemRead] = Field(description="Every refused row and column.")


class IndexImportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "MSCI-World", "levels": 252}]}
    )

    name: str
    levels: int


class IndexLevelRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"on": "2024-03-28", "level": "3437.17"}]}
    )

    on: dt.date
    level: Level


class IndexLevelPage(ReadModel):
    model_config = page_config(IndexLevelRead)

    items: list[IndexLevelRead]
    next_cursor: NextCursor


class PmeRead(ReadModel):
    index: str
    ks_pme: Ratio | None = Field(description="Kaplan-Schoar PME; above 1 beat the index.")
    direct_alpha: Ratio | None = Field(description="Annual excess return over the index.")
    reason: str | None = Field(
        description="Why a figure is null: `index_value_missing` (the series starts after a "
        "flow), or an IRR reason for direct alpha."
    )


_FIGURES_EXAMPLE: dict[str, Any] = {
    "currency": "USD",
    "commitment": "1000000.00",
    "unfunded": "250000.00",
    "contributed": "750000.00",
    "fees": "15000.00",
    "paid_in": "765000.00",
    "distributed": "300000.00",
    "return_of_capital": "200000.00",
    "gains": "80000.00",
    "income": "20000.00",
    "nav": "690000.00",
    "valued_at_cost": False,
    "as_of": "2025-12-31",
    "tvpi": "1.294118",
    "dpi": "0.392157",
    "rvpi": "0.901961",
    "moic": "1.320000",
    "irr": "0.112345678901",
    "irr_reason": None,
}


class FiguresRead(ReadModel):
    """Totals, NAV, multiples and net IRR, all in ``currency``."""

    model_config = ConfigDict(json_schema_extra={"examples": [_FIGURES_EXAMPLE]})

    currency: str
    commitment: Money
    unfunded: Money
    contributed: Money
    fees: Money
    paid_in: Money = Field(description="Contributed plus fees.")
    distributed: Money
    return_of_capital: Money
    gains: Money
    income: Money
    nav: Money = Field(
        description="The latest valuation rolled forward by later contributions and "
        "distributions; at cost before the first valuation (`valued_at_cost`)."
    )
    valued_at_cost: bool
    as_of: dt.date | None = Field(description="The latest activity's date: the NAV's date.")
    tvpi: Ratio | None = Field(description="(distributed + NAV) / paid-in; null if none paid.")
    dpi: Ratio | None
    rvpi: Ratio | None
    moic: Ratio | None = Field(description="(distributed + NAV) / contributed, fees left out.")
    irr: Ratio | None = Field(description="Net IRR (XIRR, NAV as the final flow), annual.")
    irr_reason: str | None = Field(description=IRR_REASON_DESCRIPTION)

    @classmethod
    def of_performance(cls, performance: Any) -> FiguresRead:
        t = performance.totals
        m = t.multiples
        return cls(
            currency=t.currency,
            commitment=t.commitment,
            unfunded=t.unfunded,
            contributed=t.contributed,
            fees=t.fees,
            paid_in=t.paid_in,
            distributed=t.distributed,
            return_of_capital=t.return_of_capital,
            gains=t.gains,
            income=t.income,
            nav=t.nav,
            valued_at_cost=t.valued_at_cost,
            as_of=t.as_of,
            tvpi=m.tvpi,
            dpi=m.dpi,
            rvpi=m.rvpi,
            moic=m.moic,
            irr=performance.irr.rate,
            irr_reason=performance.irr.reason,
        )


class InvestmentMetricsRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "investment_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "figures": _FIGURES_EXAMPLE,
                    "pme": None,
                }
            ]
        }
    )

    investment_id: UUID
    figures: FiguresRead
    pme: PmeRead | None = Field(description="Only when an index series is named.")


class SliceRead(ReadModel):
    key: str
    currency: str
    value: Money
    weight: Ratio = Field(description="The slice's share of the currency's NAV.")


class CurrencySummaryRead(ReadModel):
    currency: str
    investments: int
    figures: FiguresRead = Field(description="Pooled: one IRR over every flow in the currency.")
    by_kind: list[SliceRead]
    by_sector: list[SliceRead]
    by_geography: list[SliceRead]
    by_vintage: list[SliceRead]
    concentration: Ratio | None = Field(
        description="Herfindahl-Hirschman index of the investments' NAV (1: one investment; "
        "1/n: n equal ones); null with nothing held."
    )


class InvestmentSummaryRead(ReadModel):
    investment: InvestmentRead
    figures: FiguresRead


QUANTITY_PATTERN: Final = r"^[0-9]{1,20}(\.[0-9]{1,10})?$"
# A number of shares or units: an exact decimal string without trailing zeros ("10", "0.5").
Quantity = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v.normalize():f}" if v else "0", return_type=str),
    WithJsonSchema({"type": "string", "pattern": QUANTITY_PATTERN, "examples": ["10"]}),
]
BROKERAGE_REASON_DESCRIPTION: Final = (
    "Why figures are null: `no_trades` (nothing traded in this currency yet), "
    "`too_few_returns` (fewer than two daily returns: the time-weighted return needs one, "
    "the risk figures two). Null when every figure is there."
)


class BrokeragePositionRead(ReadModel):
    """An open position at its instrument's last trade price."""

    symbol: str
    currency: str
    quantity: Quantity
    average_cost: PricePerShare | None = Field(description="Cost basis a unit, fees included.")
    cost_basis: Money
    last_price: PricePerShare
    market_value: Money = Field(description="Quantity at the last price.")
    unrealized_pnl: Money = Field(description="Market value less cost basis.")
    realized_pnl: Money


class BrokerageFiguresRead(ReadModel):
    """Over the account's daily value series (positions x each day's price, trades as the
    external flows); ratios as decimal strings, daily returns annualised over 252 days."""

    observations: int = Field(description="Daily returns the figures are computed from.")
    start: dt.date | None
    end: dt.date | None
    time_weighted_return: Ratio | None = Field(
        description="Daily returns linked geometrically, so every external flow is a link."
    )
    annual_volatility: Ratio | None = Field(description="Std of daily returns (ddof 1) x sqrt 252.")
    sharpe: Ratio | None = Field(description="Mean / std (ddof 1) of daily returns x sqrt 252.")
    sortino: Ratio | None
    max_drawdown: Ratio | None = Field(description="Worst fall from a peak, negative.")
    value_at_risk_95: Ratio | None = Field(
        description="Historical: the 5th percentile of daily returns (a loss is negative)."
    )
    reason: str | None = Field(description=BROKERAGE_REASON_DESCRIPTION)


_BROKERAGE_EXAMPLE: dict[str, Any] = {
    "currency": "USD",
    "positions": [
        {
            "symbol": "AAPL",
            "currency": "USD",
            "quantity": "4",
            "average_cost": "229.63",
            "cost_basis": "918.52",
            "last_price": "231.15",
            "market_value": "924.60",
            "unrealized_pnl": "6.08",
            "realized_pnl": "0.00",
        }
    ],
    "market_value": "924.60",
    "cost_basis": "918.52",
    "unrealized_pnl": "6.08",
    "realized_pnl": "0.00",
    "figures": {
        "observations": 1,
        "start": "2026-11-30",
        "end": "2026-11-30",
        "time_weighted_return": "0.006619000000",
        "annual_volatility": None,
        "sharpe": None,
        "sortino": None,
        "max_drawdown": None,
        "value_at_risk_95": None,
        "reason": "too_few_returns",
    },
}


class BrokerageSectionRead(ReadModel):
    """The brokerage account in one currency (currencies are never summed together)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_BROKERAGE_EXAMPLE]})

    currency: str
    positions: list[BrokeragePositionRead]
    market_value: Money
    cost_basis: Money
    unrealized_pnl: Money
    realized_pnl: Money = Field(description="Realised by the open positions' past sales.")
    figures: BrokerageFiguresRead


class CompanyHoldingRead(ReadModel):
    """Shares I hold in a company on the platform (through my linked stakeholder)."""

    issuer_id: UUID
    issuer_name: str
    share_class_id: UUID
    share_class_name: str
    class_type: str
    quantity: Quantity
    currency: str
    last_price_per_share: PricePerShare | None = Field(
        description="The class's latest completed transfer price, else its issue price; null "
        "when the cap table has no price for the class (`price_source` null)."
    )
    price_source: str | None = Field(description="`transfer`, `class_price` or null.")
    priced_on: dt.date | None = Field(description="The transfer's date, for `transfer`.")
    value: Money | None = Field(description="Quantity at the last price; null without one.")


class PortfolioSummaryRead(ReadModel):
    """Everything I own: my private investments in one section per currency held and each
    investment's figures (those its metrics endpoint gives), my brokerage account per currency,
    and my shares in companies on the platform. Currencies are never summed together (there is
    no implicit exchange rate)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"currencies": [], "investments": [], "brokerage": [], "companies": []}]
        }
    )

    currencies: list[CurrencySummaryRead]
    investments: list[InvestmentSummaryRead]
    brokerage: list[BrokerageSectionRead]
    companies: list[CompanyHoldingRead]
