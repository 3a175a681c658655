"""My orders, fills and positions. Placing needs a KYC-verified investor and an
``Idempotency-Key`` or a ``client_order_id``; an order is answered once it is durably recorded
(and matched). Someone else's order answers 404."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.idempotency import Answer, respond
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.registry import provide
from adapters.http.trading.idempotency import OptionalIdempotencyHeader
from adapters.http.trading.schemas import (
    FillPage,
    FillRead,
    OrderCreate,
    OrderPage,
    OrderRead,
    OrderUpdate,
    PositionPage,
    PositionRead,
)
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from domain.trading.errors import (
    DuplicateClientOrderId,
    IdempotencyRequired,
    InstrumentNotFound,
    InsufficientBuyingPower,
    InsufficientShares,
    MatcherUnavailable,
    OrderFinished,
    OrderNotFound,
    OrderRejected,
)
from domain.trading.order import Order
from domain.trading.terms import OrderStatus, Side
from usecases.kyc.public.kyc_gate import KycLevelRequired
from usecases.shared.idempotency import IdempotencyKeyReused, IdempotencyRequestInProgress
from usecases.trading.orders.amend_order import AmendOrder, AmendOrderHandler
from usecases.trading.orders.cancel_order import CancelOrder, CancelOrderHandler
from usecases.trading.orders.list_my_fills import ListMyFills, ListMyFillsHandler
from usecases.trading.orders.list_my_orders import (
    GetMyOrder,
    GetMyOrderHandler,
    ListMyOrders,
    ListMyOrdersHandler,
)
from usecases.trading.orders.list_my_positions import ListMyPositions, ListMyPositionsHandler
from usecases.trading.orders.place_order import PlaceOrder, PlaceOrderHandler

router = APIRouter(prefix="/trading", tags=["trading"])
OrderId = Annotated[UUID, Path(description="The order.")]


def _order(order: Order) -> object:
    return OrderRead.of_order(order).model_dump(mode="json")


ORDER_PLACED: Final = Answer(201, _order)


@router.post(
    "/orders",
    status_code=201,
    response_model=OrderRead,
    summary="Place an order: answered once it is recorded and matched",
    responses=errors(
        ValidationFailed,
        IdempotencyRequired,
        InsufficientBuyingPower,
        InsufficientShares,
        OrderRejected,
        DuplicateClientOrderId,
        IdempotencyRequestInProgress,
        IdempotencyKeyReused,
        KycLevelRequired,
        MatcherUnavailable,
    ),
)
@access(AUTHENTICATED, key_scope="trade")
async def place_order(
    body: OrderCreate,
    actor: CurrentActor,
    key: OptionalIdempotencyHeader,
    handler: Annotated[PlaceOrderHandler, provide(PlaceOrderHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        PlaceOrder(
            actor=actor,
            symbol=body.symbol,
            side=body.side,
            order_type=body.order_type,
            quantity=Decimal(body.quantity),
            price=None if body.price is None else Decimal(body.price),
            time_in_force=body.time_in_force,
            post_only=body.post_only,
            self_trade_prevention=body.self_trade_prevention,
            expires_at=body.expires_at,
            client_order_id=body.client_order_id,
            idempotency=key,
        )
    )
    return respond(outcome, ORDER_PLACED)


@router.get("/orders", summary="My orders, newest first", responses=errors(InstrumentNotFound))
@access(AUTHENTICATED, key_scope="account:read")
async def list_my_orders(
    actor: CurrentActor,
    handler: Annotated[ListMyOrdersHandler, provide(ListMyOrdersHandler)],
    status: Annotated[OrderStatus | None, Query(description="Only orders in this status.")] = None,
    symbol: Annotated[str | None, Query(max_length=20, description="Only this instrument.")] = None,
    side: Annotated[Side | None, Query(description="Only this side.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> OrderPage:
    page = await handler.execute(
        ListMyOrders(
            actor=actor, page=PageRequest(limit, cursor), status=status, symbol=symbol, side=side
        )
    )
    return page_of(OrderPage, OrderRead.of_order, page)


@router.get("/orders/{order_id}", summary="One of my orders", responses=errors(OrderNotFound))
@access(OWNER, key_scope="account:read")
async def get_my_order(
    order_id: OrderId,
    actor: CurrentActor,
    handler: Annotated[GetMyOrderHandler, provide(GetMyOrderHandler)],
) -> OrderRead:
    return OrderRead.of_order(await handler.execute(GetMyOrder(actor=actor, order_id=order_id)))


@router.post(
    "/orders/{order_id}/cancel",
    summary="Cancel my resting order: what it holds is released",
    responses=errors(OrderNotFound, OrderFinished, MatcherUnavailable),
)
@access(OWNER, key_scope="trade")
async def cancel_order(
    order_id: OrderId,
    actor: CurrentActor,
    handler: Annotated[CancelOrderHandler, provide(CancelOrderHandler)],
) -> OrderRead:
    return OrderRead.of_order(await handler.execute(CancelOrder(actor=actor, order_id=order_id)))


@router.patch(
    "/orders/{order_id}",
    summary="Amend my resting order's price or quantity (a reduction keeps its place)",
    responses=errors(
        ValidationFailed,
        OrderNotFound,
        OrderFinished,
        OrderRejected,
        InsufficientBuyingPower,
        InsufficientShares,
        MatcherUnavailable,
    ),
)
@access(OWNER, key_scope="trade")
async def amend_order(
    order_id: OrderId,
    body: OrderUpdate,
    actor: CurrentActor,
    handler: Annotated[AmendOrderHandler, provide(AmendOrderHandler)],
) -> OrderRead:
    amended = await handler.execute(
        AmendOrder(
            actor=actor,
            order_id=order_id,
            price=None if body.price is None else Decimal(body.price),
            quantity=None if body.quantity is None else Decimal(body.quantity),
        )
    )
    return OrderRead.of_order(amended)


@router.get("/fills", summary="My fills, newest first")
@access(AUTHENTICATED, key_scope="account:read")
async def list_my_fills(
    actor: CurrentActor,
    handler: Annotated[ListMyFillsHandler, provide(ListMyFillsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> FillPage:
    page = await handler.execute(ListMyFills(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(FillPage, FillRead.of, page)


@router.get("/positions", summary="My brokerage positions with cost and P&L, by symbol")
@access(AUTHENTICATED, key_scope="account:read")
async def list_my_positions(
    actor: CurrentActor,
    handler: Annotated[ListMyPositionsHandler, provide(ListMyPositionsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PositionPage:
    page = await handler.execute(ListMyPositions(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(PositionPage, PositionRead.of_view, page)
