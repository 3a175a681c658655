"""Market data over HTTP, under ``/market-data``: the symbols, current prices, candles for a
range, 24-hour statistics, the order book and the status. Anyone signed in reads them, and an
API key with the ``market:read`` scope (as trading's instruments and book)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.marketdata.schemas import (
    SYMBOL_LIST_PATTERN,
    CandlePage,
    MarketBookRead,
    MarketStatusRead,
    PriceListRead,
    PriceRead,
    StatisticsRead,
    SymbolPage,
    SymbolRead,
)
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from adapters.http.temporal import IsoDateTime
from domain.marketdata.candles import Interval
from domain.marketdata.errors import SymbolNotFound
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.marketdata.get_book import GetBook, GetBookHandler
from usecases.marketdata.get_candles import GetCandles, GetCandlesHandler
from usecases.marketdata.get_market_status import GetMarketStatus, GetMarketStatusHandler
from usecases.marketdata.get_prices import GetPrices, GetPricesHandler
from usecases.marketdata.get_statistics import GetStatistics, GetStatisticsHandler
from usecases.marketdata.list_symbols import ListSymbols, ListSymbolsHandler
from usecases.trading.public.listings import MatcherUnavailable

router = APIRouter(prefix="/market-data", tags=["marketdata"])
SymbolPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=20,
        pattern=r"^[A-Z0-9][A-Z0-9.\-]{0,19}$",
        description="The instrument's symbol, e.g. AAPL or BTC-USD.",
    ),
]


@router.get(
    "/symbols", summary="The supported symbols, by symbol", responses=errors(ValidationFailed)
)
@access(AUTHENTICATED, key_scope="market:read")
async def list_symbols(
    actor: CurrentActor,
    handler: Annotated[ListSymbolsHandler, provide(ListSymbolsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> SymbolPage:
    page = await handler.execute(ListSymbols(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(SymbolPage, SymbolRead.of, page)


@router.get(
    "/prices",
    summary="Current prices of a list of symbols: last, best bid and ask, 24-hour change",
    responses=errors(ValidationFailed, MatcherUnavailable),
)
@access(AUTHENTICATED, key_scope="market:read")
async def get_prices(
    actor: CurrentActor,
    handler: Annotated[GetPricesHandler, provide(GetPricesHandler)],
    symbols: Annotated[
        str,
        Query(
            min_length=1,
            max_length=1100,
            pattern=SYMBOL_LIST_PATTERN,
            description="Comma-separated symbols, e.g. AAPL,BTC-USD (at most 50).",
        ),
    ],
) -> PriceListRead:
    prices = await handler.execute(GetPrices(actor=actor, symbols=tuple(symbols.split(","))))
    return PriceListRead(prices=[PriceRead.of(p) for p in prices])


@router.get(
    "/candles/{symbol}",
    summary="A symbol's candles of one interval in a time range, oldest first",
    responses=errors(ValidationFailed, SymbolNotFound),
)
@access(AUTHENTICATED, key_scope="market:read")
async def list_candles(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[GetCandlesHandler, provide(GetCandlesHandler)],
    interval: Annotated[Interval, Query(description="1m, 5m, 1h or 1d.")] = Interval.M1,
    start: Annotated[
        IsoDateTime | None,
        Query(description="Open times from here (with its offset); default: 200 candles back."),
    ] = None,
    end: Annotated[
        IsoDateTime | None,
        Query(description="Open times before here (with its offset); default: now."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CandlePage:
    view = await handler.execute(
        GetCandles(
            actor=actor,
            symbol=symbol,
            interval=interval,
            start=start,
            end=end,
            page=PageRequest(limit, cursor),
        )
    )
    return CandlePage.of(view)


@router.get(
    "/statistics/{symbol}",
    summary="A symbol's last 24 hours: open, high, low, last, volume and change",
    responses=errors(SymbolNotFound),
)
@access(AUTHENTICATED, key_scope="market:read")
async def get_statistics(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[GetStatisticsHandler, provide(GetStatisticsHandler)],
) -> StatisticsRead:
    return StatisticsRead.of(await handler.execute(GetStatistics(actor=actor, symbol=symbol)))


@router.get(
    "/book/{symbol}",
    summary="A symbol's order book by price level, the best levels a side",
    responses=errors(ValidationFailed, SymbolNotFound, MatcherUnavailable),
)
@access(AUTHENTICATED, key_scope="market:read")
async def get_book(
    symbol: SymbolPath,
    actor: CurrentActor,
    handler: Annotated[GetBookHandler, provide(GetBookHandler)],
    depth: Annotated[int, Query(ge=1, le=100, description="Levels a side, 1 to 100.")] = 10,
) -> MarketBookRead:
    return MarketBookRead.of(
        await handler.execute(GetBook(actor=actor, symbol=symbol, depth=depth))
    )


@router.get("/status", summary="Market data's health: simulator, projector, feed bus")
@access(AUTHENTICATED, key_scope="market:read")
async def get_status(
    actor: CurrentActor,
    handler: Annotated[GetMarketStatusHandler, provide(GetMarketStatusHandler)],
) -> MarketStatusRead:
    return MarketStatusRead.of(await handler.execute(GetMarketStatus(actor=actor)))
