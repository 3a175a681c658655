"""What publishing on the live feed costs the matcher, in process, no database: a SOL-USD book
about 60 levels deep a side, batches of ``--orders`` crossing limit orders placed on it (real
engine events: most trade), each batch's orders and fills (two a trade) as the settlement
would leave them.

    .venv/bin/python bench/trading_feed_cost.py --batches 2000 --orders 16

Prints, per batch and per order, the two costs in CPU time (the machine's other load does not
count): the hand-over on the matcher's task after
the commit (the book's top in ticks and lots, the batch's orders and fills: ``Committed``,
then one put on the queue) and the publisher's own task (the trades, the diffed and
checksummed level2, the order and fill messages, and ``MemoryFeedBus.publish``)."""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.shared.ids import UserId, new_uuid  # noqa: E402
from domain.trading.depth import BookTop  # noqa: E402
from domain.trading.fill import Fill, Liquidity  # noqa: E402
from domain.trading.instrument import AssetClass, Instrument, InstrumentStatus  # noqa: E402
from domain.trading.matching.book import OrderBook  # noqa: E402
from domain.trading.matching.events import Trade  # noqa: E402
from domain.trading.order import Order  # noqa: E402
from domain.trading.terms import (  # noqa: E402
    OrderStatus,
    OrderType,
    SelfTradePrevention,
    Side,
    TimeInForce,
)
from infrastructure.pubsub.feed_memory import MemoryFeedBus  # noqa: E402
from usecases.trading.matcher import feed_publisher  # noqa: E402
from usecases.trading.matcher.feed_messages import BookAfter, Committed  # noqa: E402
from usecases.trading.matcher.feed_publisher import FeedPublisher  # noqa: E402

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
SOL = Instrument(
    id=new_uuid(),
    symbol="SOL-USD",
    name="Solana",
    asset_class=AssetClass.CRYPTO,
    currency="USD",
    tick_size=Decimal("0.01"),
    lot_size=Decimal("0.01"),
    min_notional=Decimal("1.00"),
    band_percent=Decimal("20"),
    reference_price=Decimal("150.00"),
    last_price=None,
    trading_hours="24x7",
    status=InstrumentStatus.ACTIVE,
    created_at=NOW,
)
USERS = [UserId(new_uuid()) for _ in range(16)]
TEMPLATE = Order(
    id=new_uuid(),
    instrument_id=SOL.id,
    symbol=SOL.symbol,
    currency="USD",
    sequence=0,
    priority=0,
    user_id=USERS[0],
    client_order_id=None,
    side=Side.BUY,
    order_type=OrderType.LIMIT,
    time_in_force=TimeInForce.GTC,
    price=Decimal("150.00"),
    limit_price=Decimal("150.00"),
    quantity=Decimal("1.00"),
    filled_quantity=Decimal("0.50"),
    open_quantity=Decimal("0.50"),
    filled_notional=Decimal("75.0000"),
    cash=Decimal("75.00"),
    fees=Decimal("0.08"),
    status=OrderStatus.PARTIALLY_FILLED,
    post_only=False,
    self_trade_prevention=SelfTradePrevention.CANCEL_NEWEST,
    expires_at=None,
    resting=True,
    reason=None,
    hold_id=None,
    created_at=NOW,
    updated_at=NOW,
)


def batch_on(book: OrderBook, draw: random.Random, first: int, orders: int) -> Committed:
    """``orders`` crossing orders placed on ``book``; the batch as the owner hands it over."""
    changed, fills = [], []
    for number in range(first, first + orders):
        side = Side.BUY if draw.random() < 0.5 else Side.SELL
        who = draw.choice(USERS)
        events = book.place(number, who, side, draw.randint(10, 100), 15000 + draw.randint(-60, 60))
        changed.append(replace(TEMPLATE, id=new_uuid(), user_id=who, side=side))
        for event in events:
            if isinstance(event, Trade):
                trade = new_uuid()
                changed.append(replace(TEMPLATE, id=new_uuid(), user_id=event.maker_owner))
                for owner, liquidity in (
                    (event.taker_owner, Liquidity.TAKER),
                    (event.maker_owner, Liquidity.MAKER),
                ):
                    fills.append(
                        Fill(
                            id=new_uuid(),
                            trade_id=trade,
                            order_id=TEMPLATE.id,
                            instrument_id=SOL.id,
                            symbol=SOL.symbol,
                            user_id=owner,
                            side=side,
                            liquidity=liquidity,
                            price=SOL.price_of(event.price),
                            quantity=SOL.quantity_of(event.quantity),
                            cash=Decimal("75.00"),
                            fee=Decimal("0.08"),
                            currency="USD",
                            journal_entry_id=None,
                            created_at=NOW,
                        )
                    )
    return Committed(NOW, (BookAfter(SOL, BookTop.of(book), False),), tuple(changed), tuple(fills))


async def run(batches: int, orders: int) -> None:
    draw = random.Random(7)
    book = OrderBook()
    for number in range(1, 400):  # a book ~60 levels deep a side
        side = Side.BUY if number % 2 else Side.SELL
        ticks = 15000 - draw.randint(1, 60) if side is Side.BUY else 15000 + draw.randint(1, 60)
        book.place(number, draw.choice(USERS), side, draw.randint(10, 100), ticks)
    bus = MemoryFeedBus()
    publisher = FeedPublisher(bus, queue_size=batches + 1)
    handover = 0.0
    fills = 0
    number = 1000
    async with bus.listen():  # one listener, as a worker's gateway would hold
        for _ in range(batches):
            done = batch_on(book, draw, number, orders)  # the matching: not measured
            number += orders
            fills += len(done.fills)
            started = time.process_time()
            BookTop.of(book)  # what Committed.of takes of the book ...
            publisher.committed(done)  # ... and the one put
            handover += time.process_time() - started
        feed_publisher.CLOSE_WAIT = 600.0  # the close waits for all of it
        started = time.process_time()
        await publisher.aclose()  # the task publishes everything queued
        publishing = time.process_time() - started
    total = batches * orders
    print(
        f"{batches} batches of {orders} orders, {fills / batches:.1f} fills a batch: "
        f"hand-over {handover / batches * 1e6:.0f} us a batch ({handover / total * 1e6:.1f} us "
        f"an order) on the matcher's task; publishing {publishing / batches * 1e6:.0f} us a "
        f"batch ({publishing / total * 1e6:.1f} us an order) on the publisher's task; "
        f"{publisher.published} published, {publisher.dropped} dropped; "
        f"{len(book)} orders resting at the end"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=16)
    args = parser.parse_args()
    asyncio.run(run(args.batches, args.orders))


if __name__ == "__main__":
    main()
