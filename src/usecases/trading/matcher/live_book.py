"""An instrument's book as its owner keeps it in memory: the engine's ``OrderBook``, the
resting orders by sequence, the instrument (its grid and last price) and the next number to
hand out. It is only ever the state of committed rows: built from the database
(``LiveBook.rebuild``) and, after a failed batch, thrown away and built again."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.trading.instrument import Instrument
from domain.trading.matching.book import OrderBook
from domain.trading.matching.events import Accepted
from domain.trading.order import Order
from usecases.trading.ports import TradingUnitOfWork


class BookCorrupt(RuntimeError):
    """The resting orders in the database do not make a valid book (they would cross)."""


@dataclass(slots=True)
class LiveBook:
    instrument: Instrument
    book: OrderBook
    orders: dict[int, Order] = field(default_factory=dict)  # resting, by sequence
    last_number: int = 0

    def next_number(self) -> int:
        self.last_number += 1
        return self.last_number

    @classmethod
    async def rebuild(cls, uow: TradingUnitOfWork, instrument: Instrument) -> LiveBook:
        """The book exactly as the database has it: every resting order placed again in
        priority order (a book that is never crossed matches nothing while being rebuilt)."""
        live = cls(instrument, OrderBook())
        for order in await uow.orders.resting(instrument.id):
            events = live.book.place(
                order.sequence,
                order.user_id,
                order.side,
                instrument.lots(order.open_quantity, "open_quantity"),
                instrument.ticks(order.limit_price, "limit_price"),
                order.time_in_force,
                self_trade=order.self_trade_prevention,
            )
            if events != [Accepted(order.sequence)]:
                raise BookCorrupt(f"{instrument.symbol}: order {order.id} gave {events}")
            live.orders[order.sequence] = order
        live.last_number = await uow.orders.last_sequence(instrument.id)
        return live
