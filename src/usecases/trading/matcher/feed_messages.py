"""What a committed batch tells the live feed (docs/market-data.md, "What trading
publishes"): the batch as the owner saw it at its commit (``Committed``, taken without a
decimal or a string so that taking it costs the matcher next to nothing), and the messages of
the ``trades``, ``level2`` and ``orders`` streams built from it, in the shapes every consumer
of the feed reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.shared.clock import ensure_utc
from domain.trading.depth import BookTop, Depth, checksum
from domain.trading.fill import Fill, Liquidity
from domain.trading.grid_text import average_text, money_text, price_text, quantity_text
from domain.trading.instrument import Instrument
from domain.trading.order import Order
from usecases.shared.ports.feed import FeedPublication
from usecases.trading.matcher.batch import Batch
from usecases.trading.matcher.live_book import LiveBook

TRADES = "trades"
LEVEL2 = "level2"
ORDERS = "orders"


@dataclass(frozen=True, slots=True)
class BookAfter:
    instrument: Instrument
    top: BookTop
    rebuilt: bool  # built from the database since this process last published it


@dataclass(frozen=True, slots=True)
class Committed:
    time: datetime
    books: tuple[BookAfter, ...]  # the books the batch changed
    orders: tuple[Order, ...]  # every order the batch created or changed, as committed
    fills: tuple[Fill, ...]  # in the order they happened: buyer's then seller's, per trade

    @classmethod
    def of(cls, batch: Batch, rebuilt: set[UUID]) -> Committed:
        touched: Iterable[LiveBook] = batch.touched.values()
        created = batch.created
        return cls(
            time=batch.now,
            books=tuple(
                BookAfter(live.instrument, BookTop.of(live.book), live.instrument.id in rebuilt)
                for live in touched
            ),
            orders=(
                *created.values(),
                *(o for o in batch.changed.values() if o.id not in created),
            ),
            fills=tuple(batch.settlement.fills),
        )

    def instruments(self) -> dict[UUID, Instrument]:
        return {book.instrument.id: book.instrument for book in self.books}


def iso(moment: datetime) -> str:
    return ensure_utc(moment).isoformat().replace("+00:00", "Z")


def trades(batch: Committed, instruments: Mapping[UUID, Instrument]) -> list[FeedPublication]:
    """One message a trade: its taker's fill says the side that took."""
    published = []
    for fill in batch.fills:
        if fill.liquidity is not Liquidity.TAKER:
            continue
        instrument = instruments[fill.instrument_id]
        data = {
            "trade_id": str(fill.trade_id),
            "symbol": fill.symbol,
            "price": price_text(instrument, fill.price),
            "quantity": quantity_text(instrument, fill.quantity),
            "taker_side": fill.side.value,
            "time": iso(fill.created_at),
        }
        published.append(FeedPublication(TRADES, fill.symbol, data))
    return published


def level2(symbol: str, sent: Depth, whole: Depth, reset: bool, time: datetime) -> FeedPublication:
    """``sent`` is ``whole`` on a reset, else the levels that changed; the state is ``whole``."""
    total = checksum(whole)
    at = iso(time)
    data = {
        "symbol": symbol,
        "reset": reset,
        "bids": [list(level) for level in sent.bids],
        "asks": [list(level) for level in sent.asks],
        "checksum": total,
        "time": at,
    }
    state = {
        "symbol": symbol,
        "bids": [list(level) for level in whole.bids],
        "asks": [list(level) for level in whole.asks],
        "checksum": total,
        "time": at,
    }
    return FeedPublication(LEVEL2, symbol, data, state)


def order_view(order: Order, instrument: Instrument) -> dict[str, Any]:
    average = order.average_price
    return {
        "id": str(order.id),
        "client_order_id": order.client_order_id,
        "symbol": order.symbol,
        "side": order.side.value,
        "order_type": order.order_type.value,
        "time_in_force": order.time_in_force.value,
        "status": order.status.value,
        "quantity": quantity_text(instrument, order.quantity),
        "filled_quantity": quantity_text(instrument, order.filled_quantity),
        "limit_price": price_text(instrument, order.limit_price),
        "average_price": None if average is None else average_text(instrument, average),
        "updated_at": iso(order.updated_at),
    }


def fill_view(fill: Fill, instrument: Instrument) -> dict[str, Any]:
    return {
        "id": str(fill.id),
        "trade_id": str(fill.trade_id),
        "order_id": str(fill.order_id),
        "symbol": fill.symbol,
        "side": fill.side.value,
        "price": price_text(instrument, fill.price),
        "quantity": quantity_text(instrument, fill.quantity),
        "fee": money_text(fill.fee, fill.currency),
        "liquidity": fill.liquidity.value,
        "created_at": iso(fill.created_at),
    }


def orders(batch: Committed, instruments: Mapping[UUID, Instrument]) -> list[FeedPublication]:
    """On each owner's stream: every order the batch changed as it now is, then each fill."""
    published = [
        FeedPublication(
            ORDERS,
            str(order.user_id),
            {"event": "order", "order": order_view(order, instruments[order.instrument_id])},
        )
        for order in batch.orders
    ]
    published += [
        FeedPublication(
            ORDERS,
            str(fill.user_id),
            {"event": "fill", "fill": fill_view(fill, instruments[fill.instrument_id])},
        )
        for fill in batch.fills
    ]
    return published
