"""Currency conversion between my cash accounts: a quote, then its conversion
(``Idempotency-Key`` required), my conversions."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.banking.fx_schemas import (
    FxConversionCreate,
    FxConversionPage,
    FxConversionRead,
    FxQuoteCreate,
    FxQuoteRead,
)
from adapters.http.errors import errors
from adapters.http.idempotency import IDEMPOTENCY_ERRORS, Answer, IdempotencyHeader, respond
from adapters.http.paging import Cursor, Limit
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.banking.fx import (
    FxConversion,
    FxConversionNotFound,
    FxQuoteAlreadyUsed,
    FxQuoteExpired,
    FxQuoteNotFound,
)
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.banking.fx.convert_currency import ConvertCurrency, ConvertCurrencyHandler
from usecases.banking.fx.get_conversion import GetFxConversion, GetFxConversionHandler
from usecases.banking.fx.get_quote import GetFxQuote, GetFxQuoteHandler
from usecases.banking.fx.list_conversions import ListFxConversions, ListFxConversionsHandler
from usecases.banking.fx.request_quote import RequestFxQuote, RequestFxQuoteHandler
from usecases.kyc.public.kyc_gate import KycLevelRequired
from usecases.ledger.public import InsufficientFunds

router = APIRouter(prefix="/banking/fx", tags=["banking"])


def _conversion(conversion: FxConversion) -> object:
    return FxConversionRead.of(conversion).model_dump(mode="json")


CONVERSION_CREATED: Final = Answer(201, _conversion)


@router.post(
    "/quotes",
    status_code=201,
    summary="A quote to convert between my currencies: the rate with the spread, both amounts, "
    "an expiry",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED)
async def create_fx_quote(
    body: FxQuoteCreate,
    actor: CurrentActor,
    handler: Annotated[RequestFxQuoteHandler, provide(RequestFxQuoteHandler)],
) -> FxQuoteRead:
    quote = await handler.execute(
        RequestFxQuote(
            actor=actor,
            sell_currency=body.sell_currency,
            buy_currency=body.buy_currency,
            sell_amount=body.sell_amount,
            buy_amount=body.buy_amount,
        )
    )
    return FxQuoteRead.of(quote)


@router.get("/quotes/{quote_id}", summary="One of my FX quotes", responses=errors(FxQuoteNotFound))
@access(AUTHENTICATED)
async def get_fx_quote(
    quote_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[GetFxQuoteHandler, provide(GetFxQuoteHandler)],
) -> FxQuoteRead:
    return FxQuoteRead.of(await handler.execute(GetFxQuote(actor=actor, quote_id=quote_id)))


@router.post(
    "/conversions",
    status_code=201,
    response_model=FxConversionRead,
    summary="Convert one of my open quotes, once: my cash in one currency for the other",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(
            ValidationFailed,
            KycLevelRequired,
            FxQuoteNotFound,
            FxQuoteExpired,
            FxQuoteAlreadyUsed,
            InsufficientFunds,
        ),
    },
)
@access(AUTHENTICATED)
async def create_fx_conversion(
    body: FxConversionCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[ConvertCurrencyHandler, provide(ConvertCurrencyHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        ConvertCurrency(actor=actor, quote_id=body.quote_id, idempotency=key)
    )
    return respond(outcome, CONVERSION_CREATED)


@router.get("/conversions", summary="My currency conversions, newest first")
@access(AUTHENTICATED)
async def list_fx_conversions(
    actor: CurrentActor,
    handler: Annotated[ListFxConversionsHandler, provide(ListFxConversionsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> FxConversionPage:
    page = await handler.execute(ListFxConversions(actor=actor, page=PageRequest(limit, cursor)))
    return FxConversionPage.of(page)


@router.get(
    "/conversions/{conversion_id}",
    summary="One of my currency conversions",
    responses=errors(FxConversionNotFound),
)
@access(AUTHENTICATED)
async def get_fx_conversion(
    conversion_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[GetFxConversionHandler, provide(GetFxConversionHandler)],
) -> FxConversionRead:
    found = await handler.execute(GetFxConversion(actor=actor, conversion_id=conversion_id))
    return FxConversionRead.of(found)
