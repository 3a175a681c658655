"""Instruments: anyone signed in lists and reads them and looks at a book; an operator
(``trading:manage``) lists a new one, halts and resumes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access, permission
from adapters.http.registry import provide
from adapters.http.trading.schemas import (
    BookLevelPage,
    BookLevelRead,
    InstrumentCreate,
    InstrumentPage,
    InstrumentRead,
)
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from domain.trading.errors import (
    InstrumentNotFound,
    InstrumentStateInvalid,
    MatcherUnavailable,
    SymbolTaken,
)
from domain.trading.terms import Side
from usecases.trading.access import TRADING_MANAGE
from usecases.trading.instruments.add_instrument import AddInstrument, AddInstrumentHandler
from usecases.trading.instruments.halt_instrument import (
    ChangeTradingStatus,
    HaltInstrumentHandler,
    ResumeInstrumentHandler,
)
from usecases.trading.instruments.list_instruments import (
    GetInstrument,
    GetInstrumentHandler,
    ListInstruments,
    ListInstrumentsHandler,
)
from usecases.trading.orders.get_book_depth import GetBookDepth, GetBookDepthHandler

router = APIRouter(prefix="/trading/instruments", tags=["trading"])
SymbolPath = Annotated[str, Path(description="The instrument's symbol, e.g. AAPL or BTC-USD.")]


@router.get("", summary="The listed instruments, by symbol")
@access(AUTHENTICATED, key_scope="market:read")
async def list_instruments(
    actor: CurrentActor,
    handler: Annotated[ListInstrumentsHandler, provide(ListInstrumentsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> InstrumentPage:
    page = await handler.execute(ListInstruments(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(InstrumentPage, InstrumentRead.of, page)


@router.post(
    "",
    status_code=201,
    summary="List a new instrument",
    responses=errors(ValidationFailed, SymbolTaken, PermissionDenied),
)
@access(permission(TRADING_MANAGE))
async def add_instrument(
    body: InstrumentCreate,
    actor: CurrentActor,
    handler: Annotated[AddInstrumentHandler, provide(AddInstrumentHandler)],
) -> InstrumentRead:
    instrument = await handler.execute(
        AddInstrument(
            actor=actor,
            symbol=body.symbol,
            name=body.name,
            asset_class=body.asset_class,
            currency=body.currency,
            tick_size=Decimal(body.tick_size),
            lot_size=Decimal(body.lot_size),
            min_notional=Decimal(body.min_notional),
            band_percent=Decimal(body.band_percent),
            reference_price=Decimal(body.reference_price),
            trading_hours=body.trading_hours,
        )
    )
    return InstrumentRead.of(instrument)


@router.get("/{symbol}", summary="One instrument", responses=errors(InstrumentNotFound))
@access(AUTHENTICATED, key_scope="market:read")
async def get_instrument(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[GetInstrumentHandler, provide(GetInstrumentHandler)],
) -> InstrumentRead:
    return InstrumentRead.of(await handler.execute(GetInstrument(actor=actor, symbol=symbol)))


@router.post(
    "/{symbol}/halt",
    summary="Halt trading: new orders and amendments are refused, cancels still work",
    responses=errors(InstrumentNotFound, InstrumentStateInvalid, PermissionDenied),
)
@access(permission(TRADING_MANAGE))
async def halt_instrument(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[HaltInstrumentHandler, provide(HaltInstrumentHandler)],
) -> InstrumentRead:
    changed = await handler.execute(ChangeTradingStatus(actor=actor, symbol=symbol))
    return InstrumentRead.of(changed)


@router.post(
    "/{symbol}/resume",
    summary="Resume trading of a halted instrument",
    responses=errors(InstrumentNotFound, InstrumentStateInvalid, PermissionDenied),
)
@access(permission(TRADING_MANAGE))
async def resume_instrument(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[ResumeInstrumentHandler, provide(ResumeInstrumentHandler)],
) -> InstrumentRead:
    changed = await handler.execute(ChangeTradingStatus(actor=actor, symbol=symbol))
    return InstrumentRead.of(changed)


@router.get(
    "/{symbol}/book",
    summary="One side of the order book, best price first, as of the last committed batch",
    responses=errors(InstrumentNotFound, MatcherUnavailable),
)
@access(AUTHENTICATED, key_scope="market:read")
async def get_book_depth(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[GetBookDepthHandler, provide(GetBookDepthHandler)],
    side: Annotated[Side, Query(description="buy: the bids, highest first; sell: the asks.")],
    limit: Limit = 10,
    cursor: Cursor = None,
) -> BookLevelPage:
    page = await handler.execute(
        GetBookDepth(actor=actor, symbol=symbol, side=side, page=PageRequest(limit, cursor))
    )
    return page_of(BookLevelPage, BookLevelRead.of, page)
