"""Trading's adapter behind the public ``OrderEntry`` port: each call goes through trading's
own use cases and matcher (``PlaceOrderHandler``, ``CancelOrderHandler``, a ``Look`` at the
book) as the user it names, so a program's order is checked, held, matched and settled exactly
like a person's."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from decimal import Decimal
from typing import Final
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from domain.shared.pagination import MAX_LIMIT, PageRequest
from domain.trading.errors import InstrumentNotFound, OrderFinished, OrderNotFound
from domain.trading.instrument import Instrument, InstrumentStatus
from domain.trading.order import Order
from domain.trading.terms import OrderStatus, OrderType, Side, TimeInForce
from usecases.shared.idempotency import IdempotencyKey
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import BookLevel, Look
from usecases.trading.orders.cancel_order import CancelOrder, CancelOrderHandler
from usecases.trading.orders.place_order import PlaceOrder, PlaceOrderHandler
from usecases.trading.ports import OrderFilter, TradingUnitOfWork
from usecases.trading.public.order_entry import (
    BookTop,
    ListedInstrument,
    OpenOrder,
    OrderAnswer,
    OrderTicket,
)

PROGRAM: Final = "meridian-order-entry"  # the user agent a program's orders are recorded with


def program_actor(user_id: UserId) -> Actor:
    return Actor(kind="user", user_id=user_id, user_agent=PROGRAM)


def listed(instrument: Instrument, clock: Clock) -> ListedInstrument:
    low, high = instrument.band()
    return ListedInstrument(
        symbol=instrument.symbol,
        asset_class=instrument.asset_class.value,
        currency=instrument.currency,
        tick_size=instrument.tick_size,
        lot_size=instrument.lot_size,
        min_notional=instrument.min_notional,
        mark=instrument.mark,
        band_low=low,
        band_high=high,
        halted=instrument.status is InstrumentStatus.HALTED,
        open_now=instrument.hours.is_open(clock.now()),
    )


def _best(levels: list[BookLevel]) -> Decimal | None:
    return levels[0].price if levels else None


def _fingerprint(ticket: OrderTicket) -> str:
    terms = f"{ticket.symbol}|{ticket.side}|{ticket.quantity}|{ticket.limit_price}|{ticket.rests}"
    return hashlib.sha256(terms.encode()).hexdigest()


class TradingOrderEntry:
    def __init__(
        self,
        uow: Callable[[], TradingUnitOfWork],
        place: Callable[[], PlaceOrderHandler],
        cancel: Callable[[], CancelOrderHandler],
        matcher: Matcher,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._place = place
        self._cancel = cancel
        self._matcher = matcher
        self._clock = clock
        self._ids: dict[str, UUID] = {}  # symbol: instrument id (ids never change)

    async def instruments(self) -> list[ListedInstrument]:
        found: list[ListedInstrument] = []
        cursor = None
        while True:
            async with self._uow() as uow:
                page = await uow.instruments.page(PageRequest(limit=MAX_LIMIT, cursor=cursor))
            for instrument in page.items:
                self._ids[instrument.symbol] = instrument.id
                found.append(listed(instrument, self._clock))
            cursor = page.next_cursor
            if cursor is None:
                return found

    async def _instrument_id(self, symbol: str) -> UUID:
        known = self._ids.get(symbol)
        if known is None:
            async with self._uow() as uow:
                instrument = await uow.instruments.by_symbol(symbol)
            if instrument is None:
                raise InstrumentNotFound(symbol)
            known = self._ids[symbol] = instrument.id
        return known

    async def top_of_book(self, symbol: str) -> BookTop:
        instrument_id = await self._instrument_id(symbol)
        both: list[BookLevel] = await self._matcher.submit(  # one request, both sides
            instrument_id, Look(side=None, levels=1)
        )
        bids = [v for v in both if v.side is Side.BUY]
        asks = [v for v in both if v.side is Side.SELL]
        return BookTop(best_bid=_best(bids), best_ask=_best(asks))

    async def place(self, ticket: OrderTicket) -> OrderAnswer:
        market = ticket.limit_price is None
        outcome = await self._place().execute(
            PlaceOrder(
                actor=program_actor(ticket.user_id),
                symbol=ticket.symbol,
                side=ticket.side,
                order_type=OrderType.MARKET if market else OrderType.LIMIT,
                quantity=ticket.quantity,
                price=ticket.limit_price,
                time_in_force=TimeInForce.GTC if ticket.rests else TimeInForce.IOC,
                idempotency=IdempotencyKey(ticket.key, _fingerprint(ticket)),
            )
        )
        order = outcome.value
        if order is None:  # replayed from before results were stored: nothing to report
            raise OrderNotFound(UUID(int=0))
        return OrderAnswer(
            order_id=order.id,
            status=order.status.value,
            filled_quantity=order.filled_quantity,
            resting=order.resting,
        )

    async def cancel(self, user_id: UserId, order_id: UUID) -> bool:
        try:
            await self._cancel().execute(
                CancelOrder(actor=program_actor(user_id), order_id=order_id)
            )
        except (OrderFinished, OrderNotFound):
            return False
        return True

    async def _orders(self, user_id: UserId, status: OrderStatus) -> AsyncIterator[Order]:
        cursor = None
        while True:
            async with self._uow() as uow:
                page = await uow.orders.page(
                    user_id, OrderFilter(status=status), PageRequest(limit=MAX_LIMIT, cursor=cursor)
                )
            for order in page.items:
                yield order
            cursor = page.next_cursor
            if cursor is None:
                return

    async def open_orders(self, user_id: UserId) -> list[OpenOrder]:
        found = []
        for status in (OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED):
            async for order in self._orders(user_id, status):
                if order.resting:
                    found.append(
                        OpenOrder(
                            order_id=order.id,
                            symbol=order.symbol,
                            side=order.side,
                            price=order.limit_price,
                        )
                    )
        return found

    async def holdings(self, user_id: UserId) -> dict[str, Decimal]:
        held: dict[str, Decimal] = {}
        cursor = None
        while True:
            async with self._uow() as uow:
                page = await uow.positions.page(
                    user_id, PageRequest(limit=MAX_LIMIT, cursor=cursor)
                )
            held.update({p.symbol: p.quantity for p in page.items})
            cursor = page.next_cursor
            if cursor is None:
                return held
