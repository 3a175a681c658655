"""Use case: the owner amends a resting order's price and/or quantity (the order's new total;
it must stay above what has filled). A reduction at the same price keeps the order's place in
the queue; a price change or an increase loses it. The new terms are checked like a new
order's, and the hold is changed to what they need (refused, and nothing changed, when the
cash or the shares are not there)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from domain.trading.errors import InstrumentNotFound
from domain.trading.order import Order
from domain.trading.order_checks import check_amendment
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Amend
from usecases.trading.orders.cancel_order import own_open_order
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendOrder:
    actor: Actor
    order_id: UUID
    price: Decimal | None = None
    quantity: Decimal | None = None


class AmendOrderHandler:
    def __init__(self, uow: TradingUnitOfWork, matcher: Matcher, clock: Clock) -> None:
        self._uow = uow
        self._matcher = matcher
        self._clock = clock

    async def execute(self, cmd: AmendOrder) -> Order:
        if cmd.price is None and cmd.quantity is None:
            raise invalid_field("quantity", "send a new price, a new quantity or both")
        order = await own_open_order(self._uow, cmd.actor, cmd.order_id)
        async with self._uow as uow:
            instrument = await uow.instruments.get(order.instrument_id)
        if instrument is None:
            raise InstrumentNotFound(order.symbol)
        price = cmd.price if cmd.price is not None else order.limit_price
        quantity = cmd.quantity if cmd.quantity is not None else order.quantity
        open_quantity = quantity - order.filled_quantity
        if open_quantity <= 0:
            raise invalid_field(
                "quantity",
                f"must be more than the {order.filled_quantity} already filled",
                code="quantity_not_above_filled",
            )
        ticks, lots = check_amendment(instrument, price, open_quantity, self._clock.now())
        amended: Order = await self._matcher.submit(
            order.instrument_id,
            Amend(
                actor=cmd.actor,
                order_id=order.id,
                sequence=order.sequence,
                price=price,
                open_quantity=open_quantity,
                ticks=ticks,
                lots=lots,
            ),
        )
        return amended
