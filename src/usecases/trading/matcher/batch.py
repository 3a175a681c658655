"""One batch of requests in ONE transaction: each request's checks and its hold, then the book,
then the trades settled, and every changed row written once at the end (``finish``).

A request is refused before anything of it is written: the idempotency claim and the client
order ids (read once for the whole batch) are reads, a market order into an empty side and a
post-only that would cross are checked against the book before the hold, and the ledger
refuses a hold beyond what is available before it writes. An amendment, which re-holds before
it moves on the book, runs in a savepoint of its own (the owner's).

Once a request has changed the book, nothing of it may fail alone: any error from there on
is ``BookAhead`` and fails the whole batch, whose owner then throws its books away and
rebuilds them from the database (the book is never ahead of what committed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import UserId
from domain.trading.errors import (
    DuplicateClientOrderId,
    InsufficientBuyingPower,
    InsufficientShares,
    OrderFinished,
    OrderRejected,
)
from domain.trading.matching.events import (
    Amended,
    Cancelled,
    Decremented,
    Event,
    Expired,
    Rejected,
    RejectReason,
    Trade,
)
from domain.trading.order import Order
from domain.trading.terms import OrderType, Side
from usecases.ledger.public import InsufficientFunds
from usecases.shared.idempotency import IdempotencyGate, Idempotent
from usecases.trading.config import TradingConfig
from usecases.trading.matcher.account_locks import accounts_to_lock, opened_up_front
from usecases.trading.matcher.live_book import LiveBook
from usecases.trading.matcher.requests import (
    Amend,
    BookLevel,
    Cancel,
    Expire,
    Look,
    Place,
    Request,
)
from usecases.trading.matcher.settlement import Settlement
from usecases.trading.ports import TradingUnitOfWork

SYSTEM = Actor.system("trading-matcher")
MAX_DEPTH = 1000  # how deep the pages of a side of the book reach


class BookAhead(RuntimeError):
    """A request failed after it changed the book: the batch must not commit."""


def _refused(reason: RejectReason) -> OrderRejected:
    messages = {
        RejectReason.POST_ONLY_WOULD_TAKE: "a post-only order that would take is rejected",
        RejectReason.NO_LIQUIDITY: "a market order needs orders on the other side",
        RejectReason.INVALID_AMENDMENT: "the amendment changes nothing",
    }
    return OrderRejected(messages.get(reason, str(reason)), code=reason.value)


def _crosses(side: Side, ticks: int, best_opposite: int) -> bool:
    return ticks >= best_opposite if side is Side.BUY else ticks <= best_opposite


def _short(order: Order) -> InsufficientBuyingPower | InsufficientShares:
    if order.side is Side.BUY:
        return InsufficientBuyingPower(
            f"your {order.symbol} order needs more cash in its currency than you have available"
        )
    return InsufficientShares(f"you do not have {order.open_quantity} {order.symbol} to sell")


@dataclass(slots=True)
class Batch:
    uow: TradingUnitOfWork
    config: TradingConfig
    now: datetime
    settlement: Settlement
    created: dict[UUID, Order] = field(default_factory=dict)
    changed: dict[UUID, Order] = field(default_factory=dict)
    touched: dict[UUID, LiveBook] = field(default_factory=dict)
    client_ids: set[tuple[UserId, str]] = field(default_factory=set)
    audited: int = 0

    @classmethod
    def open(
        cls,
        uow: TradingUnitOfWork,
        config: TradingConfig,
        now: datetime,
        accounts: dict[Any, Any] | None = None,
    ) -> Batch:
        settlement = Settlement(uow, config.fee_bps, now)
        if accounts is not None:
            settlement.share_accounts(accounts)
        return cls(uow, config, now, settlement)

    async def load_client_order_ids(self, requests: Sequence[object]) -> None:
        """The client order ids of the batch's new orders that are already taken (one read)."""
        wanted = {
            (r.order.user_id, r.order.client_order_id)
            for r in requests
            if isinstance(r, Place) and r.order.client_order_id is not None
        }
        if wanted:
            self.client_ids |= await self.uow.orders.client_order_ids_taken(wanted)

    async def lock_accounts(self, requests: Sequence[tuple[LiveBook | None, Request]]) -> None:
        """Before any request runs: lock every ledger account the batch may touch at once, in
        account-id order, and open the shared ones it may credit that do not exist yet, in
        key order (``account_locks``), so two partitions' batches never wait on each other
        in a cycle."""
        missing = await self.settlement.lock(accounts_to_lock(requests))
        for spec in opened_up_front(missing):
            await self.settlement.account(spec.owner, spec.kind, spec.asset)

    # --- the requests ---------------------------------------------------------------------
    async def place(self, live: LiveBook, request: Place) -> Idempotent[Order]:
        order = request.order
        gate: IdempotencyGate[Order] = await IdempotencyGate.enter(
            self.uow.idempotency,
            request.actor,
            request.idempotency,
            self.now,
            self.config.idempotency_ttl,
        )
        if gate.replay is not None:
            return gate.replay
        if request.redelivered:  # a dead owner may have committed it before it could answer
            placed = await self.uow.orders.get(order.id)
            if placed is not None:
                return Idempotent(placed, replayed=True)
        if order.client_order_id is not None:
            key = (order.user_id, order.client_order_id)
            if key in self.client_ids:
                raise DuplicateClientOrderId(order.client_order_id)
        market = order.order_type is OrderType.MARKET
        best = live.book.best(order.side.opposite)
        if market and best is None:
            raise _refused(RejectReason.NO_LIQUIDITY)  # before anything is held
        if order.post_only and best is not None and _crosses(order.side, request.ticks, best):
            raise _refused(RejectReason.POST_ONLY_WOULD_TAKE)
        try:
            order = await self.settlement.hold(order, live.instrument)
        except InsufficientFunds as short:
            raise _short(order) from short
        number = live.next_number()
        order = replace(order, sequence=number, priority=number)
        events = live.book.place(
            number,
            order.user_id,
            order.side,
            request.lots,
            request.ticks,
            order.time_in_force,
            post_only=order.post_only,
            self_trade=order.self_trade_prevention,
            market=market,
        )
        if isinstance(events[0], Rejected):  # the book did not change: undo the hold
            live.last_number -= 1
            await self.settlement.release(order)
            raise _refused(events[0].reason)
        try:
            order = await self._apply(live, events, order)
            if number in live.book:
                order = order.rests(self.now)
                live.orders[number] = order
            self.created[order.id] = order
            if order.client_order_id is not None:
                self.client_ids.add((order.user_id, order.client_order_id))
            self._audit(request.actor, "place_order", order)
            return await gate.complete(order, self.now)
        except Exception as error:
            raise BookAhead(f"placing {order.id}") from error

    async def cancel(self, live: LiveBook, request: Cancel) -> Order:
        order = self._resting(live, request.sequence, request.order_id)
        events = live.book.cancel(order.sequence)
        if isinstance(events[0], Rejected):
            raise OrderFinished(f"order {order.id} is no longer on the book")
        try:
            order = await self._apply(live, events, None, focus=order.id)
            self._audit(request.actor, "cancel_order", order)
            return order
        except Exception as error:
            raise BookAhead(f"cancelling {order.id}") from error

    async def expire(self, live: LiveBook, request: Expire) -> Order:
        order = self._resting(live, request.sequence, request.order_id)
        events = live.book.expire(order.sequence)
        if isinstance(events[0], Rejected):
            raise OrderFinished(f"order {order.id} cannot expire ({events[0].reason})")
        try:
            order = await self._apply(live, events, None, focus=order.id)
            self._audit(SYSTEM, "expire_order", order)
            return order
        except Exception as error:
            raise BookAhead(f"expiring {order.id}") from error

    async def amend(self, live: LiveBook, request: Amend) -> Order:
        order = self._resting(live, request.sequence, request.order_id)
        # the new terms' hold first: a shortfall refuses the amendment before the book moves
        proposed = order.amended(request.price, request.open_quantity, order.priority, self.now)
        try:
            await self.settlement.release(order)
            proposed = await self.settlement.hold(proposed, live.instrument)
        except InsufficientFunds as short:
            raise _short(proposed) from short
        price_lots = (request.ticks, request.lots)
        current = (
            live.instrument.ticks(order.limit_price),
            live.instrument.lots(order.open_quantity),
        )
        if price_lots == current:
            raise _refused(RejectReason.INVALID_AMENDMENT)
        events = live.book.amend(order.sequence, quantity=request.lots, price=request.ticks)
        if isinstance(events[0], Rejected):
            raise _refused(events[0].reason)
        try:
            amended = events[0]
            assert isinstance(amended, Amended)
            if not amended.kept_priority:
                proposed = replace(proposed, priority=live.next_number())
            live.orders[order.sequence] = proposed
            self._keep(proposed)
            result = await self._apply(live, events[1:], None, focus=order.id)
            self._audit(request.actor, "amend_order", result)
            return result
        except Exception as error:
            raise BookAhead(f"amending {order.id}") from error

    def look(self, live: LiveBook, request: Look) -> list[BookLevel]:
        """One side's levels, or (``side`` None) the bids' then the asks' in one answer."""
        if request.side is None:
            return [
                *self._side(live, Side.BUY, request.levels, None),
                *self._side(live, Side.SELL, request.levels, None),
            ]
        return self._side(live, request.side, request.levels, request.after)

    @staticmethod
    def _side(live: LiveBook, side: Side, wanted: int, after: int | None) -> list[BookLevel]:
        instrument = live.instrument
        reach = wanted if after is None else MAX_DEPTH
        levels = live.book.depth(side, reach)
        if after is not None:
            levels = [lv for lv in levels if (lv[0] < after if side is Side.BUY else lv[0] > after)]
        return [
            BookLevel(
                side=side,
                ticks=p,
                price=instrument.price_of(p),
                quantity=instrument.quantity_of(q),
                orders=n,
                currency=instrument.currency,
            )
            for p, q, n in levels[:wanted]
        ]

    # --- the book's events ----------------------------------------------------------------
    def _resting(self, live: LiveBook, sequence: int, order_id: UUID) -> Order:
        order = live.orders.get(sequence)
        if order is None or order.id != order_id:
            raise OrderFinished(f"order {order_id} is no longer on the book")
        return order

    def _keep(self, order: Order) -> None:
        if order.id in self.created:
            self.created[order.id] = order
        else:
            self.changed[order.id] = order

    async def _apply(
        self,
        live: LiveBook,
        events: Sequence[Event],
        taker: Order | None,
        *,
        focus: UUID | None = None,
    ) -> Order:
        """Settle the book's events; answers the taker (or the ``focus`` order) after them."""
        self.touched[live.instrument.id] = live
        mine: dict[int, Order] = {} if taker is None else {taker.sequence: taker}

        def current(number: int) -> Order:
            return mine[number] if number in mine else live.orders[number]

        def put(order: Order) -> None:
            if order.sequence in mine:
                mine[order.sequence] = order
                return
            if order.resting:
                live.orders[order.sequence] = order
            else:
                live.orders.pop(order.sequence, None)
            self._keep(order)

        for event in events:
            if isinstance(event, Trade):
                taker_now, maker_now = await self.settlement.trade(
                    live.instrument, event, current(event.taker_id), current(event.maker_id)
                )
                put(taker_now)
                put(maker_now)
                live.instrument = live.instrument.traded_at(live.instrument.price_of(event.price))
            elif isinstance(event, Cancelled):
                order = await self.settlement.release(current(event.order_id))
                put(order.ended(event.reason, self.now))
            elif isinstance(event, Expired):
                order = await self.settlement.release(current(event.order_id))
                put(order.expired(self.now))
            elif isinstance(event, Decremented):
                order = current(event.order_id)
                put(order.decremented(live.instrument.quantity_of(event.quantity), self.now))
        if taker is not None:
            return mine[taker.sequence]
        assert focus is not None
        found = self.changed.get(focus) or self.created.get(focus)
        assert found is not None
        return found

    def _audit(self, actor: Actor, verb: str, order: Order) -> None:
        self.audited += 1
        self.uow.audit(
            AuditRecord(
                action=f"trading.{verb}",
                actor=actor,
                resource_type="trading_order",
                resource_id=str(order.id),
                after={
                    "symbol": order.symbol,
                    "side": order.side.value,
                    "quantity": str(order.quantity),
                    "price": str(order.price),
                    "status": order.status.value,
                    "filled_quantity": str(order.filled_quantity),
                },
            )
        )

    # --- the end --------------------------------------------------------------------------
    async def journal(self) -> None:
        """Write every row the batch changed and commit, audit entries with them; a batch
        that changed nothing (refusals, replays, looks) commits nothing."""
        if await self.finish():
            await self.uow.commit()

    async def finish(self) -> bool:
        """Write every row the batch changed; False when it changed nothing."""
        if not self.audited:
            return False
        await self.uow.orders.add_all(list(self.created.values()))
        await self.uow.orders.save_all(
            [o for o in self.changed.values() if o.id not in self.created]
        )
        await self.uow.fills.add_all(self.settlement.fills)
        await self.uow.positions.save_all(await self.settlement.settled_positions())
        for live in self.touched.values():
            if live.instrument.last_price is not None:
                await self.uow.instruments.record_last_price(
                    live.instrument.id, live.instrument.last_price
                )
        return True
