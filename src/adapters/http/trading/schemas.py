"""Schemas of trading. Prices (a limit, a trade's price, a last price) are exact decimal
strings on the instrument's tick (``PricePerShare``: not settled amounts, finer than the
currency for some crypto); cash, fees, cost and P&L are ``Money`` in the instrument's
currency; quantities are exact decimal strings on the instrument's lot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StrictBool, WithJsonSchema

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import (
    PRICE_PER_SHARE_PATTERN,
    Money,
    PricePerShare,
    PricePerShareInput,
    ReadModel,
)
from adapters.http.temporal import IsoDateTime
from domain.trading.buying_power import rounded
from domain.trading.fill import Liquidity
from domain.trading.instrument import AssetClass, InstrumentStatus
from domain.trading.order import Order
from domain.trading.terms import OrderStatus, OrderType, SelfTradePrevention, Side, TimeInForce
from usecases.trading.orders.list_my_positions import PositionView

QUANTITY_PATTERN: Final = r"^[0-9]{1,20}(\.[0-9]{1,8})?$"
AVERAGE_PLACES: Final = Decimal("0.0000000001")


def _quantity_text(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


Quantity = Annotated[
    Decimal,
    PlainSerializer(_quantity_text, return_type=str),
    WithJsonSchema({"type": "string", "pattern": QUANTITY_PATTERN, "examples": ["10"]}),
]
QuantityInput = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=QUANTITY_PATTERN,
        description="A positive decimal string, a multiple of the instrument's lot size.",
    ),
]
DecimalInput = Annotated[
    str, Field(min_length=1, max_length=40, pattern=QUANTITY_PATTERN, description="A decimal.")
]
# A price in a request: the PricePerShare component, its pattern enforced here.
PriceInput = Annotated[PricePerShareInput, Field(max_length=40, pattern=PRICE_PER_SHARE_PATTERN)]
Symbol = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Z0-9][A-Z0-9.\-]{0,19}$")]
ClientOrderId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[!-~]{1,64}$",
        description="Your id for the order, unique among your orders: a retry with the same "
        "one is refused (duplicate_client_order_id) instead of placing it twice.",
    ),
]


# --- instruments --------------------------------------------------------------------------
_INSTRUMENT_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-6e7f-7c3b-9a10-5d7e8f9a0b1c",
    "symbol": "AAPL",
    "name": "Apple Inc.",
    "asset_class": "stock",
    "currency": "USD",
    "tick_size": "0.01",
    "lot_size": "1",
    "min_notional": "1.00",
    "band_percent": "10",
    "reference_price": "230.00",
    "last_price": "231.15",
    "trading_hours": "xnys",
    "status": "active",
    "created_at": "2026-12-01T09:00:00Z",
}


class InstrumentCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "NVDA",
                    "name": "NVIDIA Corporation",
                    "asset_class": "stock",
                    "currency": "USD",
                    "tick_size": "0.01",
                    "lot_size": "1",
                    "min_notional": "1.00",
                    "band_percent": "10",
                    "reference_price": "140.00",
                    "trading_hours": "xnys",
                }
            ]
        }
    )

    symbol: Symbol
    name: Annotated[str, Field(min_length=1, max_length=200)]
    asset_class: AssetClass
    currency: Annotated[str, Field(min_length=3, max_length=3, description="ISO 4217")]
    tick_size: PriceInput
    lot_size: QuantityInput
    min_notional: DecimalInput = "0"
    band_percent: DecimalInput = Field(
        default="10", description="A limit price lies within this percent of the last price."
    )
    reference_price: PriceInput
    trading_hours: Annotated[
        str,
        Field(
            min_length=1,
            max_length=16,
            description="24x7 (crypto), xnys (US equities 09:30-16:00 New York, Monday to "
            "Friday) or us_bonds (08:00-17:00 New York).",
        ),
    ] = "xnys"


class InstrumentRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_INSTRUMENT_EXAMPLE]})

    id: UUID
    symbol: str
    name: str
    asset_class: AssetClass
    currency: str
    tick_size: PricePerShare
    lot_size: Quantity
    min_notional: Money
    band_percent: Quantity
    reference_price: PricePerShare
    last_price: PricePerShare | None
    trading_hours: str
    status: InstrumentStatus
    created_at: dt.datetime


class InstrumentPage(ReadModel):
    model_config = page_config(InstrumentRead)

    items: list[InstrumentRead]
    next_cursor: NextCursor


# --- orders -------------------------------------------------------------------------------
class OrderCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "symbol": "AAPL",
                    "side": "buy",
                    "order_type": "limit",
                    "quantity": "10",
                    "price": "229.50",
                    "time_in_force": "gtc",
                    "client_order_id": "my-order-0001",
                }
            ]
        }
    )

    symbol: Symbol
    side: Side
    order_type: OrderType = OrderType.LIMIT
    quantity: QuantityInput
    price: PriceInput | None = Field(
        default=None, description="The limit price (on the tick); none for a market order."
    )
    time_in_force: TimeInForce = Field(
        default=TimeInForce.GTC,
        description="gtc, day (ends with the session), gtd (with expires_at), ioc, fok. A "
        "market order is ioc or fok.",
    )
    post_only: StrictBool = False
    self_trade_prevention: SelfTradePrevention = SelfTradePrevention.CANCEL_NEWEST
    expires_at: IsoDateTime | None = Field(
        default=None, description="When a gtd order expires (with its time zone)."
    )
    client_order_id: ClientOrderId | None = None


class OrderUpdate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"price": "229.75"}, {"quantity": "5"}]}
    )

    price: PriceInput | None = None
    quantity: QuantityInput | None = Field(
        default=None, description="The order's new total quantity (more than what filled)."
    )


_ORDER_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-7a8b-7c3b-9a10-5d7e8f9a0b1c",
    "symbol": "AAPL",
    "currency": "USD",
    "client_order_id": "my-order-0001",
    "side": "buy",
    "order_type": "limit",
    "time_in_force": "gtc",
    "price": "229.50",
    "limit_price": "229.50",
    "quantity": "10",
    "filled_quantity": "4",
    "open_quantity": "6",
    "average_price": "229.40",
    "cash": "917.60",
    "fees": "0.92",
    "status": "partially_filled",
    "resting": True,
    "post_only": False,
    "self_trade_prevention": "cancel_newest",
    "expires_at": None,
    "reason": None,
    "created_at": "2026-12-01T15:00:00Z",
    "updated_at": "2026-12-01T15:00:01Z",
}


class OrderRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ORDER_EXAMPLE]})

    id: UUID
    symbol: str
    currency: str
    client_order_id: str | None
    side: Side
    order_type: OrderType
    time_in_force: TimeInForce
    price: PricePerShare | None
    limit_price: PricePerShare = Field(description="The limit, or a market order's collar.")
    quantity: Quantity
    filled_quantity: Quantity
    open_quantity: Quantity
    average_price: PricePerShare | None
    cash: Money = Field(description="Paid (a buy) or received (a sell) for the fills, before fees.")
    fees: Money
    status: OrderStatus
    resting: bool = Field(description="Whether the order rests on the book (can still fill).")
    post_only: bool
    self_trade_prevention: SelfTradePrevention
    expires_at: dt.datetime | None
    reason: str | None = Field(description="Why it ended, when it was cancelled or stopped.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of_order(cls, order: Order) -> OrderRead:
        average = order.average_price
        shown = None if average is None else average.quantize(AVERAGE_PLACES).normalize()
        return cls.taking(order, average_price=shown)


class OrderPage(ReadModel):
    model_config = page_config(OrderRead)

    items: list[OrderRead]
    next_cursor: NextCursor


# --- fills and positions ------------------------------------------------------------------
_FILL_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-8b9c-7c3b-9a10-5d7e8f9a0b1c",
    "trade_id": "0193a2c4-8b9d-7c3b-9a10-5d7e8f9a0b1c",
    "order_id": "0193a2c4-7a8b-7c3b-9a10-5d7e8f9a0b1c",
    "symbol": "AAPL",
    "currency": "USD",
    "side": "buy",
    "liquidity": "taker",
    "price": "229.40",
    "quantity": "4",
    "cash": "917.60",
    "fee": "0.92",
    "created_at": "2026-12-01T15:00:01Z",
}


class FillRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_FILL_EXAMPLE]})

    id: UUID
    trade_id: UUID
    order_id: UUID
    symbol: str
    currency: str
    side: Side
    liquidity: Liquidity
    price: PricePerShare
    quantity: Quantity
    cash: Money
    fee: Money
    created_at: dt.datetime


class FillPage(ReadModel):
    model_config = page_config(FillRead)

    items: list[FillRead]
    next_cursor: NextCursor


_POSITION_EXAMPLE: dict[str, Any] = {
    "symbol": "AAPL",
    "currency": "USD",
    "quantity": "4",
    "average_cost": "229.63",
    "cost_basis": "918.52",
    "last_price": "231.15",
    "market_value": "924.60",
    "unrealized_pnl": "6.08",
    "realized_pnl": "0.00",
    "updated_at": "2026-12-01T15:00:01Z",
}


class PositionRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_POSITION_EXAMPLE]})

    symbol: str
    currency: str
    quantity: Quantity
    average_cost: PricePerShare | None = Field(description="Cost basis a unit, fees included.")
    cost_basis: Money
    last_price: PricePerShare
    market_value: Money
    unrealized_pnl: Money
    realized_pnl: Money
    updated_at: dt.datetime

    @classmethod
    def of_view(cls, view: PositionView) -> PositionRead:
        position = view.position
        average = position.average_cost
        return cls.model_validate(
            {
                "symbol": position.symbol,
                "currency": position.currency,
                "quantity": position.quantity,
                "average_cost": None
                if average is None
                else average.quantize(AVERAGE_PLACES).normalize(),
                "cost_basis": rounded(position.cost_basis, position.currency),
                "last_price": view.last_price,
                "market_value": view.market_value,
                "unrealized_pnl": view.unrealized_pnl,
                "realized_pnl": rounded(position.realized_pnl, position.currency),
                "updated_at": position.updated_at,
            }
        )


class PositionPage(ReadModel):
    model_config = page_config(PositionRead)

    items: list[PositionRead]
    next_cursor: NextCursor


# --- the book -----------------------------------------------------------------------------
class BookLevelRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"side": "buy", "currency": "USD", "price": "231.10", "quantity": "40", "orders": 3}
            ]
        }
    )

    side: Side
    currency: str
    price: PricePerShare
    quantity: Quantity = Field(description="Open quantity at this price, all orders together.")
    orders: int


class BookLevelPage(ReadModel):
    model_config = page_config(BookLevelRead)

    items: list[BookLevelRead]
    next_cursor: NextCursor
