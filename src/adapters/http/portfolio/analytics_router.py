"""The figures: one investment's metrics, the whole portfolio in one call, and the index series
the public-market equivalents compare against."""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter, Form, Path, Query, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.portfolio.charts import allocation_svg, value_svg
from adapters.http.portfolio.investments_router import InvestmentId
from adapters.http.portfolio.schemas import (
    CsvFileCreate,
    CurrencyCode,
    FiguresRead,
    IndexImportRead,
    IndexLevelPage,
    IndexLevelRead,
    InvestmentMetricsRead,
    PmeRead,
    PortfolioSummaryRead,
)
from adapters.http.portfolio.summary_body import summary_body
from adapters.http.registry import provide
from domain.portfolio.errors import CurrencyNotHeld, IndexSeriesNotFound, InvestmentNotFound
from domain.portfolio.quarter import QuarterNotStarted
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.portfolio.analytics.get_allocation import (
    Dimension,
    GetAllocation,
    GetAllocationHandler,
)
from usecases.portfolio.analytics.get_investment_metrics import (
    GetInvestmentMetrics,
    GetInvestmentMetricsHandler,
)
from usecases.portfolio.analytics.get_portfolio_summary import (
    GetPortfolioSummary,
    GetPortfolioSummaryHandler,
)
from usecases.portfolio.analytics.get_value_history import (
    GetValueHistory,
    GetValueHistoryHandler,
)
from usecases.portfolio.analytics.index_series import (
    ImportIndexLevels,
    ImportIndexLevelsHandler,
    IndexImportRefused,
    ListIndexLevels,
    ListIndexLevelsHandler,
)
from usecases.portfolio.statements.get_quarterly_statement import (
    GetQuarterlyStatement,
    GetQuarterlyStatementHandler,
)

router = APIRouter(prefix="/portfolio", tags=["portfolio"])
SeriesName = Annotated[
    str, Path(min_length=1, max_length=40, description="My index series: MSCI-World, NIFTY50.")
]


@router.get(
    "/investments/{investment_id}/metrics",
    summary="An investment's totals, NAV, multiples, net IRR and, against an index, its PME",
    responses=errors(ValidationFailed, InvestmentNotFound, IndexSeriesNotFound),
)
@access(OWNER)
async def get_investment_metrics(
    investment_id: InvestmentId,
    actor: CurrentActor,
    handler: Annotated[GetInvestmentMetricsHandler, provide(GetInvestmentMetricsHandler)],
    index: Annotated[
        str | None,
        Query(min_length=1, max_length=40, description="One of my index series, for PME."),
    ] = None,
) -> InvestmentMetricsRead:
    """Where the flows have no IRR, ``irr`` is null and ``irr_reason`` says why; never a made-up
    number."""
    found = await handler.execute(
        GetInvestmentMetrics(actor=actor, investment_id=investment_id, index=index)
    )
    pme = found.performance.pme
    return InvestmentMetricsRead(
        investment_id=found.investment.id,
        figures=FiguresRead.of_performance(found.performance),
        pme=None if pme is None else PmeRead.of(pme),
    )


@router.get(
    "/summary",
    summary="Everything I own in one call: private investments, brokerage, platform companies",
    response_model=PortfolioSummaryRead,
)
@access(AUTHENTICATED)
async def get_portfolio_summary(
    actor: CurrentActor,
    handler: Annotated[GetPortfolioSummaryHandler, provide(GetPortfolioSummaryHandler)],
) -> Response:
    # the private half comes as its cached bytes (every write of my investments or activities
    # retires them), the brokerage account and the platform companies live: joined, they are
    # the PortfolioSummaryRead the document shows (summary_body)
    summary = await handler.execute(GetPortfolioSummary(actor=actor))
    return Response(summary_body(summary), media_type="application/json")


@router.post(
    "/indices/{name}/levels/imports",
    status_code=201,
    summary="Import an index series' levels from CSV (columns on, level), all or nothing",
    responses=errors(ValidationFailed, IndexImportRefused),
)
@access(AUTHENTICATED)
async def import_index_levels(
    name: SeriesName,
    body: Annotated[CsvFileCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    handler: Annotated[ImportIndexLevelsHandler, provide(ImportIndexLevelsHandler)],
) -> IndexImportRead:
    """A level on a date already stored replaces it. A refused file names each problem as
    ``rows.<row>.<column>`` (the header is row 1) and stores nothing."""
    done = await handler.execute(ImportIndexLevels(actor=actor, name=name, file=body.file))
    return IndexImportRead.of(done)


@router.get(
    "/indices/{name}/levels",
    summary="An index series' levels, oldest first",
    responses=errors(ValidationFailed, IndexSeriesNotFound),
)
@access(AUTHENTICATED)
async def list_index_levels(
    name: SeriesName,
    actor: CurrentActor,
    handler: Annotated[ListIndexLevelsHandler, provide(ListIndexLevelsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> IndexLevelPage:
    page = await handler.execute(
        ListIndexLevels(actor=actor, name=name, page=PageRequest(limit, cursor))
    )
    return page_of(IndexLevelPage, IndexLevelRead.of, page)


SVG: Final = {"type": "string", "format": "binary", "description": "An SVG document."}
CHART_HEADERS: Final = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


@router.get(
    "/charts/allocation.svg",
    summary="My allocation in one currency, by kind, sector, geography or vintage, as SVG",
    response_class=Response,
    responses={
        200: {"description": "The chart.", "content": {"image/svg+xml": {"schema": SVG}}},
        **errors(ValidationFailed, CurrencyNotHeld),
    },
)
@access(AUTHENTICATED)
async def get_allocation_chart(
    actor: CurrentActor,
    handler: Annotated[GetAllocationHandler, provide(GetAllocationHandler)],
    currency: Annotated[CurrencyCode, Query(description="One currency: never mixed.")],
    by: Annotated[Dimension, Query(description="What to split by.")] = Dimension.SECTOR,
) -> Response:
    found = await handler.execute(GetAllocation(actor=actor, currency=currency, by=by))
    return Response(allocation_svg(found), media_type="image/svg+xml", headers=CHART_HEADERS)


@router.get(
    "/charts/value.svg",
    summary="What I own in one currency over time (private NAV, brokerage, total), as SVG",
    response_class=Response,
    responses={
        200: {"description": "The chart.", "content": {"image/svg+xml": {"schema": SVG}}},
        **errors(ValidationFailed, CurrencyNotHeld),
    },
)
@access(AUTHENTICATED)
async def get_value_chart(
    actor: CurrentActor,
    handler: Annotated[GetValueHistoryHandler, provide(GetValueHistoryHandler)],
    currency: Annotated[CurrencyCode, Query(description="One currency: never mixed.")],
) -> Response:
    """Month end by month end from my first activity or trade, and today."""
    found = await handler.execute(GetValueHistory(actor=actor, currency=currency))
    return Response(value_svg(found), media_type="image/svg+xml", headers=CHART_HEADERS)


PDF: Final = {"type": "string", "format": "binary", "description": "A PDF document."}


@router.get(
    "/statements/{quarter}.pdf",
    summary="My statement of a quarter as a PDF: figures at its end, its activities and trades",
    response_class=Response,
    responses={
        200: {"description": "The statement.", "content": {"application/pdf": {"schema": PDF}}},
        **errors(ValidationFailed, QuarterNotStarted),
    },
)
@access(AUTHENTICATED)
async def get_quarterly_statement(
    quarter: Annotated[
        str,
        Path(
            pattern=r"^[0-9]{4}-Q[1-4]$",
            description="A calendar quarter: `2026-Q3` is July to September 2026.",
            examples=["2026-Q3"],
        ),
    ],
    actor: CurrentActor,
    handler: Annotated[GetQuarterlyStatementHandler, provide(GetQuarterlyStatementHandler)],
) -> Response:
    """Each figure as of the quarter's end (today, for the quarter under way); each currency
    on its own. A quarter that has not begun is refused."""
    found = await handler.execute(GetQuarterlyStatement(actor=actor, quarter=quarter))
    return Response(
        found.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="statement-{found.quarter.label}.pdf"',
            **CHART_HEADERS,
        },
    )
