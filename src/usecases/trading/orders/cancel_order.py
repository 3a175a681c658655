"""Use case: the owner cancels a resting order; its hold is released in the same transaction.
Someone else's order answers not found (404); a finished one ``order_finished`` (409)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.trading.errors import OrderFinished, OrderNotFound
from domain.trading.order import Order
from usecases.trading.access import trader
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Cancel
from usecases.trading.ports import TradingUnitOfWork


async def own_open_order(uow: TradingUnitOfWork, actor: Actor, order_id: UUID) -> Order:
    """The caller's order if it still rests on the book."""
    user = trader(actor)
    async with uow:
        order = await uow.orders.get(order_id)
    if order is None or order.user_id != user:
        raise OrderNotFound(order_id)
    if not order.resting:
        raise OrderFinished(f"order {order_id} is {order.status}: it no longer rests")
    return order


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelOrder:
    actor: Actor
    order_id: UUID


class CancelOrderHandler:
    def __init__(self, uow: TradingUnitOfWork, matcher: Matcher) -> None:
        self._uow = uow
        self._matcher = matcher

    async def execute(self, cmd: CancelOrder) -> Order:
        order = await own_open_order(self._uow, cmd.actor, cmd.order_id)
        cancelled: Order = await self._matcher.submit(
            order.instrument_id,
            Cancel(actor=cmd.actor, order_id=order.id, sequence=order.sequence),
        )
        return cancelled
