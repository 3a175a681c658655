"""Schemas of market data. Prices (last, bid, ask, open, high, low, close, a level's price)
are exact decimal strings in the instrument's tick places (the ``PricePerShare`` component),
volumes and quantities in its lot places, the same text the feed's messages carry; times are
ISO 8601 UTC."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import PricePerShareInput
from domain.marketdata.candles import Candle
from usecases.marketdata.messages import decimal_text
from usecases.marketdata.views import (
    BookView,
    CandlesView,
    MarketStatusView,
    PriceView,
    StatisticsView,
)
from usecases.system.public import ProcessState
from usecases.trading.public.listings import DepthLevel, Listing

Price = PricePerShareInput  # a price on the instrument's tick, as text
Decimals = Annotated[str, Field(pattern=r"^-?[0-9]{1,20}(\.[0-9]{1,10})?$", examples=["12.5"])]
Percent = Annotated[
    str, Field(pattern=r"^-?[0-9]{1,20}\.[0-9]{2}$", description="Percent, two decimals.")
]
SYMBOL_LIST_PATTERN: Final = r"^[A-Z0-9][A-Z0-9.\-]{0,19}(,[A-Z0-9][A-Z0-9.\-]{0,19})*$"


# --- symbols ------------------------------------------------------------------------------
class SymbolRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "BTC-USD",
                    "name": "Bitcoin",
                    "asset_class": "crypto",
                    "currency": "USD",
                    "tick_size": "0.01",
                    "lot_size": "0.0001",
                    "status": "active",
                    "trading_hours": "24x7",
                    "open_now": True,
                }
            ]
        }
    )

    symbol: str
    name: str
    asset_class: str = Field(description="stock, etf, bond or crypto.")
    currency: str
    tick_size: Price
    lot_size: Decimals
    status: str = Field(description="active, or halted: orders are refused.")
    trading_hours: str = Field(description="24x7, xnys (US equities) or us_bonds.")
    open_now: bool = Field(description="Its session is open now (whatever its status).")

    @classmethod
    def of(cls, listing: Listing) -> SymbolRead:
        return cls(
            symbol=listing.symbol,
            name=listing.name,
            asset_class=listing.asset_class,
            currency=listing.currency,
            tick_size=format(listing.tick_size.normalize(), "f"),
            lot_size=format(listing.lot_size.normalize(), "f"),
            status=listing.status,
            trading_hours=listing.trading_hours,
            open_now=listing.open_now,
        )


class SymbolPage(BaseModel):
    model_config = page_config(SymbolRead)

    items: list[SymbolRead]
    next_cursor: NextCursor


# --- prices -------------------------------------------------------------------------------
_PRICE_EXAMPLE: dict[str, Any] = {
    "symbol": "AAPL",
    "currency": "USD",
    "last": "231.15",
    "bid": "231.10",
    "ask": "231.20",
    "change_24h": "1.65",
    "change_percent_24h": "0.72",
    "time": "2026-12-01T15:30:00Z",
}


class PriceRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PRICE_EXAMPLE]})

    symbol: str
    currency: str
    last: Price | None = Field(description="The last trade's price; null before any trade.")
    bid: Price | None = Field(description="The best bid on the book; null when none rests.")
    ask: Price | None = Field(description="The best ask on the book; null when none rests.")
    change_24h: Decimals | None = Field(description="last minus the price 24 hours ago.")
    change_percent_24h: Percent | None
    time: dt.datetime

    @classmethod
    def of(cls, view: PriceView) -> PriceRead:
        places = view.listing.price_places
        return cls(
            symbol=view.listing.symbol,
            currency=view.listing.currency,
            last=decimal_text(view.last, places),
            bid=decimal_text(view.bid, places),
            ask=decimal_text(view.ask, places),
            change_24h=decimal_text(view.change_24h, places),
            change_percent_24h=decimal_text(view.change_percent_24h, 2),
            time=view.at,
        )


class PriceListRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"prices": [_PRICE_EXAMPLE]}]})

    prices: list[PriceRead] = Field(description="One per asked symbol, in the order asked.")


# --- candles ------------------------------------------------------------------------------
_CANDLE_EXAMPLE: dict[str, Any] = {
    "open_time": "2026-12-01T15:30:00Z",
    "close_time": "2026-12-01T15:31:00Z",
    "open": "231.00",
    "high": "231.40",
    "low": "230.95",
    "close": "231.15",
    "volume": "1250",
    "trades": 37,
    "closed": True,
}


class CandleRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CANDLE_EXAMPLE]})

    open_time: dt.datetime = Field(description="The bucket's start (aligned UTC).")
    close_time: dt.datetime = Field(description="The bucket's end (exclusive).")
    open: Price
    high: Price
    low: Price
    close: Price
    volume: Decimals
    trades: int
    closed: bool = Field(description="The bucket has ended: the candle no longer changes.")

    @classmethod
    def of(cls, candle: Candle, listing: Listing, now: dt.datetime) -> CandleRead:
        places = listing.price_places

        def price(value: Any) -> str:
            return decimal_text(value, places) or ""

        return cls(
            open_time=candle.open_time,
            close_time=candle.close_time,
            open=price(candle.open),
            high=price(candle.high),
            low=price(candle.low),
            close=price(candle.close),
            volume=decimal_text(candle.volume, listing.quantity_places) or "0",
            trades=candle.trades,
            closed=candle.closed(now),
        )


class CandlePage(BaseModel):
    model_config = page_config(CandleRead)

    items: list[CandleRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, view: CandlesView) -> CandlePage:
        items = [CandleRead.of(c, view.listing, view.at) for c in view.page.items]
        return cls(items=items, next_cursor=view.page.next_cursor)


# --- statistics ---------------------------------------------------------------------------
class StatisticsRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "AAPL",
                    "currency": "USD",
                    "window_start": "2026-11-30T15:31:00Z",
                    "last": "231.15",
                    "open": "229.50",
                    "high": "232.00",
                    "low": "228.75",
                    "volume": "184200",
                    "trades": 5120,
                    "change": "1.65",
                    "change_percent": "0.72",
                    "time": "2026-12-01T15:30:12Z",
                }
            ]
        }
    )

    symbol: str
    currency: str
    window_start: dt.datetime = Field(description="The figures cover trades from here to now.")
    last: Price | None = Field(description="The last trade's price, however old.")
    open: Price | None = Field(description="The first price of the window; null: no trade.")
    high: Price | None
    low: Price | None
    volume: Decimals
    trades: int
    change: Decimals | None = Field(description="last minus open.")
    change_percent: Percent | None
    time: dt.datetime

    @classmethod
    def of(cls, view: StatisticsView) -> StatisticsRead:
        places, day = view.listing.price_places, view.day
        return cls(
            symbol=day.symbol,
            currency=view.listing.currency,
            window_start=view.window_start,
            last=decimal_text(day.last, places),
            open=decimal_text(day.open, places),
            high=decimal_text(day.high, places),
            low=decimal_text(day.low, places),
            volume=decimal_text(day.volume, view.listing.quantity_places) or "0",
            trades=day.trades,
            change=decimal_text(day.change, places),
            change_percent=decimal_text(day.change_percent, 2),
            time=view.at,
        )


# --- book ---------------------------------------------------------------------------------
class MarketBookLevelRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"price": "231.10", "quantity": "40", "orders": 3}]}
    )

    price: Price
    quantity: Decimals = Field(description="Resting at this price, all orders together.")
    orders: int

    @classmethod
    def of(cls, level: DepthLevel, listing: Listing) -> MarketBookLevelRead:
        return cls(
            price=decimal_text(level.price, listing.price_places) or "",
            quantity=decimal_text(level.quantity, listing.quantity_places) or "0",
            orders=level.orders,
        )


class MarketBookRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "AAPL",
                    "currency": "USD",
                    "bids": [{"price": "231.10", "quantity": "40", "orders": 3}],
                    "asks": [{"price": "231.20", "quantity": "15", "orders": 1}],
                    "time": "2026-12-01T15:30:12Z",
                }
            ]
        }
    )

    symbol: str
    currency: str
    bids: list[MarketBookLevelRead] = Field(description="Best (highest) first.")
    asks: list[MarketBookLevelRead] = Field(description="Best (lowest) first.")
    time: dt.datetime

    @classmethod
    def of(cls, view: BookView) -> MarketBookRead:
        book, now = view.book, view.at
        listing = book.listing
        return cls(
            symbol=listing.symbol,
            currency=listing.currency,
            bids=[MarketBookLevelRead.of(level, listing) for level in book.bids],
            asks=[MarketBookLevelRead.of(level, listing) for level in book.asks],
            time=now,
        )


# --- status -------------------------------------------------------------------------------
class ProcessStatusRead(BaseModel):
    status: str = Field(description="running, stale (no heartbeat for 30 s), not_running, unknown.")
    last_heartbeat: dt.datetime | None
    heartbeat_age_seconds: float | None

    @classmethod
    def of(cls, state: ProcessState, now: dt.datetime) -> ProcessStatusRead:
        last = state.last_heartbeat
        age = None if last is None else round((now - last).total_seconds(), 3)
        return cls(status=state.status, last_heartbeat=last, heartbeat_age_seconds=age)


class ProjectorStatusRead(ProcessStatusRead):
    lag_trades: int = Field(description="Trades committed and not yet in the candles.")
    lag_capped: bool = Field(description="The lag was counted up to its cap: at least that.")
    projected_trades: int
    last_round_at: dt.datetime | None = Field(description="When a round last wrote candles.")


class MarketStatusRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "simulator": {
                        "status": "running",
                        "last_heartbeat": "2026-12-01T15:30:11Z",
                        "heartbeat_age_seconds": 1.2,
                    },
                    "projector": {
                        "status": "running",
                        "last_heartbeat": "2026-12-01T15:30:12Z",
                        "heartbeat_age_seconds": 0.3,
                        "lag_trades": 0,
                        "lag_capped": False,
                        "projected_trades": 120431,
                        "last_round_at": "2026-12-01T15:30:12Z",
                    },
                    "feed_reachable": True,
                    "symbols": 12,
                    "open_symbols": 4,
                    "time": "2026-12-01T15:30:12Z",
                }
            ]
        }
    )

    simulator: ProcessStatusRead
    projector: ProjectorStatusRead
    feed_reachable: bool = Field(description="The feed bus answered within 2 seconds.")
    symbols: int
    open_symbols: int = Field(description="Listed, active and in session now.")
    time: dt.datetime

    @classmethod
    def of(cls, view: MarketStatusView) -> MarketStatusRead:
        now, projector = view.at, view.projector
        beat = ProcessStatusRead.of(projector.state, now)
        return cls(
            simulator=ProcessStatusRead.of(view.simulator, now),
            projector=ProjectorStatusRead(
                **beat.model_dump(),
                lag_trades=projector.lag_trades,
                lag_capped=projector.lag_capped,
                projected_trades=projector.projected_trades,
                last_round_at=projector.last_round_at,
            ),
            feed_reachable=view.feed_reachable,
            symbols=view.symbols,
            open_symbols=view.open_symbols,
            time=now,
        )
