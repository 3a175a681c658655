"""Use cases: the caller's orders newest first (filtered by status, instrument, side), and one
of them (someone else's answers not found)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.trading.errors import InstrumentNotFound, OrderNotFound
from domain.trading.order import Order
from domain.trading.terms import OrderStatus, Side
from usecases.trading.access import trader
from usecases.trading.ports import OrderFilter, TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyOrders:
    actor: Actor
    page: PageRequest
    status: OrderStatus | None = None
    symbol: str | None = None
    side: Side | None = None


class ListMyOrdersHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyOrders) -> Page[Order]:
        user = trader(cmd.actor)
        async with self._uow as uow:
            instrument_id = None
            if cmd.symbol is not None:
                instrument = await uow.instruments.by_symbol(cmd.symbol)
                if instrument is None:
                    raise InstrumentNotFound(cmd.symbol)
                instrument_id = instrument.id
            where = OrderFilter(status=cmd.status, instrument_id=instrument_id, side=cmd.side)
            return await uow.orders.page(user, where, cmd.page)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMyOrder:
    actor: Actor
    order_id: UUID


class GetMyOrderHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetMyOrder) -> Order:
        user = trader(cmd.actor)
        async with self._uow as uow:
            order = await uow.orders.get(cmd.order_id)
        if order is None or order.user_id != user:
            raise OrderNotFound(cmd.order_id)
        return order
