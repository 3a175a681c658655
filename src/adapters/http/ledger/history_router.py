"""My transaction history and monthly statements (JSON and PDF)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.ledger.history_schemas import StatementRead, TransactionPage
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from adapters.http.temporal import IsoDateTime
from domain.ledger.accounts import AccountKind
from domain.ledger.history import Direction, HistoryFilter
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.ledger.get_monthly_statement import (
    CashAccountNotFound,
    GetMonthlyStatement,
    GetMonthlyStatementHandler,
    RenderMonthlyStatementHandler,
)
from usecases.ledger.list_my_transactions import ListMyTransactions, ListMyTransactionsHandler

router = APIRouter(prefix="/ledger", tags=["ledger"])

Year = Annotated[int, Path(ge=2000, le=9998, description="Calendar year.")]
Month = Annotated[int, Path(ge=1, le=12, description="Calendar month, 1-12.")]
Currency = Annotated[
    str, Query(pattern=r"^[A-Z]{3}$", description="Which cash account (ISO 4217 code).")
]


@router.get(
    "/transactions",
    summary="My transaction history: every posting on my accounts, newest first",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED, key_scope="account:read")
async def list_transactions(
    actor: CurrentActor,
    handler: Annotated[ListMyTransactionsHandler, provide(ListMyTransactionsHandler)],
    asset: Annotated[str | None, Query(max_length=64)] = None,
    kind: AccountKind | None = None,
    direction: Direction | None = None,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> TransactionPage:
    where = HistoryFilter(asset=asset, kind=kind, direction=direction, since=since, until=until)
    page = await handler.execute(
        ListMyTransactions(actor=actor, where=where, page=PageRequest(limit, cursor))
    )
    return TransactionPage.of(page)


@router.get(
    "/statements/{year}/{month}",
    summary="My monthly statement of one cash account",
    responses=errors(ValidationFailed, CashAccountNotFound),
)
@access(AUTHENTICATED)
async def get_statement(
    year: Year,
    month: Month,
    actor: CurrentActor,
    handler: Annotated[GetMonthlyStatementHandler, provide(GetMonthlyStatementHandler)],
    currency: Currency = "INR",
) -> StatementRead:
    statement = await handler.execute(
        GetMonthlyStatement(actor=actor, year=year, month=month, currency=currency)
    )
    return StatementRead.of(statement)


@router.get(
    "/statements/{year}/{month}/pdf",
    summary="My monthly statement as a PDF (balances, a balance chart, every movement)",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
        **errors(ValidationFailed, CashAccountNotFound),
    },
)
@access(AUTHENTICATED)
async def get_statement_pdf(
    year: Year,
    month: Month,
    actor: CurrentActor,
    handler: Annotated[RenderMonthlyStatementHandler, provide(RenderMonthlyStatementHandler)],
    currency: Currency = "INR",
) -> Response:
    pdf = await handler.execute(
        GetMonthlyStatement(actor=actor, year=year, month=month, currency=currency)
    )
    name = f"meridian-statement-{year}-{month:02d}-{currency}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
