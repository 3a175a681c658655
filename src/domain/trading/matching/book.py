"""One instrument's order book: bids best (highest) first, asks best (lowest) first, each
price level first in, first out. Single writer: whoever owns the instrument calls it.

How it is kept (docs/trading.md, "Matching engine", has the rules; this is the layout):

- every resting order is one slotted ``_Order`` object, found by id in ``_orders``;
- each side is a ``_Half``: ``levels`` maps a *key* to the level, an insertion-ordered dict
  ``order_id -> _Order`` (first in, first out; removing any order is O(1)), and each resting
  order holds its level. A key is the price for asks and minus the price for bids, so on both
  sides the best level is the one with the least key, ``best``, and an incoming order's limit
  is a key too: it crosses a level whose key is ``<=`` its own limit key;
- a price move never searches a sorted list: it leaves its level (an order alone in its level
  takes the level dict to the new key) and joins the new one by key. ``best`` changes when a
  better level appears or the best one empties; the next best then comes from a heap of the
  keys given a level, where the keys of levels that have gone stay until they reach the top
  (or the heap is rebuilt from ``levels`` once it holds ``_ROOM`` more than twice the levels);
- an order that leaves the book leaves its level, and an empty level leaves ``levels`` at
  once, so the reads (``depth``, ``resting``: ``levels`` sorted by key; ``best``) see exactly
  the book.

Events are built with ``tuple.__new__`` (they are named tuples) on the hot paths: it is the
same object as calling the class, without the call's Python-level ``__new__``."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from heapq import heapify, heappop, heappush

from domain.trading.matching.events import (
    Accepted,
    Amended,
    Cancelled,
    CancelReason,
    Decremented,
    Event,
    Expired,
    Rejected,
    RejectReason,
    Trade,
)
from domain.trading.terms import SelfTradePrevention, Side, TimeInForce

_new = tuple.__new__
_BUY = Side.BUY
_SELL = Side.SELL
_GTC = TimeInForce.GTC
_IOC = TimeInForce.IOC
_FOK = TimeInForce.FOK
_NEWEST = SelfTradePrevention.CANCEL_NEWEST
_OLDEST = SelfTradePrevention.CANCEL_OLDEST
_BOTH = SelfTradePrevention.CANCEL_BOTH
_DECREMENT = SelfTradePrevention.DECREMENT
_SELF_TRADE = CancelReason.SELF_TRADE
_REQUESTED = CancelReason.REQUESTED
_UNFILLED = CancelReason.UNFILLED_REMAINDER
_KILLED = CancelReason.KILLED
_NO_LIMIT = 1 << 62  # the limit key of a market order with no collar: crosses every level
_EMPTY = 1 << 63  # the best key of an empty side: above every limit key, so never crossed
_ROOM = 256  # stale keys a side's heap may hold beyond twice its levels before it is rebuilt


class _Order:
    level: dict[int, _Order]
    __slots__ = (
        "half",
        "id",
        "key",
        "level",
        "open",
        "owner",
        "post_only",
        "price",
        "side",
        "stp",
        "tif",
    )

    def __init__(
        self,
        order_id: int,
        owner: Hashable,
        side: Side,
        price: int,
        key: int,
        quantity: int,
        tif: TimeInForce,
        post_only: bool,
        stp: SelfTradePrevention,
        half: _Half,
    ) -> None:
        self.id = order_id
        self.owner = owner
        self.side = side
        self.price = price  # ticks; 0 (never read) for a market order with no collar
        self.key = key  # price for a sell, -price for a buy: see the module docstring
        self.open = quantity  # lots still open
        self.tif = tif
        self.post_only = post_only
        self.stp = stp
        self.half = half  # the side of the book it rests on
        # .level, the level it rests in, is set when it rests


class _Half:
    """One side of the book: levels by key; ``best``, the least key with a level (``_EMPTY``
    if none); ``heap``, a heap of keys holding every key that has a level and also keys
    whose level has gone (dropped when they come to the top, or all at once when the heap
    has ``room`` entries). ``heap[0]`` is ``best`` whenever the side has a level."""

    __slots__ = ("best", "heap", "levels", "other", "room")

    def __init__(self) -> None:
        self.levels: dict[int, dict[int, _Order]] = {}
        self.best = _EMPTY
        self.heap: list[int] = []
        self.room = _ROOM
        self.other: _Half = self

    def sorted_keys(self) -> list[int]:
        return sorted(self.levels)

    def grown(self, key: int) -> None:
        """A level at ``key`` has just been added to ``levels``."""
        heap = self.heap
        heappush(heap, key)
        if len(heap) > self.room:
            self.compact()
        if key < self.best:
            self.best = key

    def compact(self) -> None:
        self.heap = heap = list(self.levels)
        heapify(heap)
        self.room = 2 * len(heap) + _ROOM

    def shrunk(self) -> None:
        """The best level has just left ``levels``: the next best comes to the top."""
        heap = self.heap
        levels = self.levels
        while heap and heap[0] not in levels:
            heappop(heap)
        self.best = heap[0] if heap else _EMPTY


class OrderBook:
    __slots__ = ("_asks", "_bids", "_orders")

    def __init__(self) -> None:
        self._bids = _Half()
        self._asks = _Half()
        self._bids.other = self._asks
        self._asks.other = self._bids
        self._orders: dict[int, _Order] = {}

    def place(
        self,
        order_id: int,
        owner: Hashable,
        side: Side,
        quantity: int,
        price: int | None,
        time_in_force: TimeInForce = TimeInForce.GTC,
        *,
        post_only: bool = False,
        self_trade: SelfTradePrevention = SelfTradePrevention.CANCEL_NEWEST,
        market: bool = False,
    ) -> list[Event]:
        """A new order. ``price`` in ticks; ``None`` is a market order, which must come with
        time in force IOC and matches at any price (the caller turns a market order with a
        collar into an IOC limit at the collar price and passes that price instead; ``None``
        is for a market order with no collar). ``quantity`` in lots, > 0.

        Answers ``Accepted`` first (or only ``Rejected``), then the trades in the order they
        happened, each at the resting order's price, then for an order that does not rest,
        a ``Cancelled`` for what remains (IOC/market: ``unfilled_remainder``; FOK that cannot
        fill entirely: ``killed`` with no trade at all). Post-only that would take is rejected.
        A market order against an empty opposite side is rejected (``no_liquidity``).

        ``market=True`` (added; default keeps the old call) marks an IOC/FOK limit order as a
        market order with its collar as ``price``: it is rejected ``no_liquidity`` like a
        market order with no collar. ``None`` also accepts FOK (fill entirely at any price).
        Refused as ``invalid_order``: ``quantity <= 0``, ``price=None`` with a resting time in
        force or ``market=True``, post-only on a market order or with IOC/FOK (it could neither
        take nor rest)."""
        orders = self._orders
        if order_id in orders:
            return [Rejected(order_id, RejectReason.DUPLICATE_ORDER_ID)]
        rests = time_in_force is not _IOC and time_in_force is not _FOK
        if (
            quantity <= 0
            or (price is None and (rests or post_only))
            or (post_only and not rests)
            or (market and rests)
        ):
            return [Rejected(order_id, RejectReason.INVALID_ORDER)]
        # The limit key is -key (see the module docstring); no price: crosses every level.
        if price is None:
            half = self._bids if side is _BUY else self._asks
            key = -_NO_LIMIT
        elif side is _BUY:
            half = self._bids
            key = -price
        else:
            half = self._asks
            key = price
        limit = -key
        opposite_best = half.other.best
        if opposite_best == _EMPTY and (price is None or market):
            return [Rejected(order_id, RejectReason.NO_LIQUIDITY)]
        crosses = opposite_best <= limit
        if post_only and crosses:
            return [Rejected(order_id, RejectReason.POST_ONLY_WOULD_TAKE)]
        order = _Order(
            order_id,
            owner,
            side,
            0 if price is None else price,
            key,
            quantity,
            time_in_force,
            post_only,
            self_trade,
            half,
        )
        events: list[Event] = [_new(Accepted, (order_id,))]
        if crosses:
            if time_in_force is _FOK and not self._fillable(order, limit):
                events.append(_new(Cancelled, (order_id, quantity, _KILLED)))
                return events
            if not self._take(order, limit, events):
                return events  # stopped by self-trade prevention (its event is in events)
            if order.open == 0:
                return events
        if rests:
            levels = half.levels
            level = levels.get(key)
            if level is None:
                level = levels[key] = {order_id: order}
                half.grown(key)
            else:
                level[order_id] = order
            order.level = level
            orders[order_id] = order
        else:
            events.append(
                _new(
                    Cancelled,
                    (order_id, order.open, _KILLED if time_in_force is _FOK else _UNFILLED),
                )
            )
        return events

    def cancel(self, order_id: int) -> list[Event]:
        """``Cancelled(requested)`` of a resting order, or ``Rejected(unknown_order)``."""
        try:
            order = self._orders[order_id]
        except KeyError:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        self._remove(order)
        return [_new(Cancelled, (order_id, order.open, _REQUESTED))]

    def amend(
        self, order_id: int, *, quantity: int | None = None, price: int | None = None
    ) -> list[Event]:
        """``quantity`` is the new *open* quantity. A reduction at the same price keeps the
        order's place in the queue; a price change or an increase moves it to the back of its
        (new) level, and a new price that crosses matches at once like a new order (``Amended``
        first, then the trades). Invalid (no change, quantity <= 0) or unknown: ``Rejected``.

        A crossing new price of a post-only order is refused (``post_only_would_take``) and
        the order stays as it was. When the amended order matches it is the incoming order
        for self-trade prevention, with the mode it was placed with."""
        try:
            order = self._orders[order_id]
        except KeyError:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        if quantity is None:
            if price is None or price == order.price:
                return [Rejected(order_id, RejectReason.INVALID_AMENDMENT)]
            new_open = order.open
            new_price = price
        else:
            new_open = quantity
            new_price = order.price if price is None else price
            if new_open <= 0:
                return [Rejected(order_id, RejectReason.INVALID_AMENDMENT)]
            if new_price == order.price:
                if new_open < order.open:
                    order.open = new_open
                    return [_new(Amended, (order_id, new_price, new_open, True))]
                if new_open == order.open:
                    return [Rejected(order_id, RejectReason.INVALID_AMENDMENT)]
                # More at the same price (which cannot cross): to the back of its level.
                level = order.level
                del level[order_id]
                level[order_id] = order
                order.open = new_open
                return [_new(Amended, (order_id, new_price, new_open, False))]
        half = order.half
        if half is self._bids:
            key = -new_price
            crosses = self._asks.best <= new_price
        else:
            key = new_price
            crosses = self._bids.best <= -new_price
        if crosses and order.post_only:
            return [Rejected(order_id, RejectReason.POST_ONLY_WOULD_TAKE)]
        levels = half.levels
        old_key = order.key
        level = order.level
        order.price = new_price
        order.key = key
        order.open = new_open
        events: list[Event] = [_new(Amended, (order_id, new_price, new_open, False))]
        if not crosses:
            # The move that does not trade, most of them: out of its old level and at the
            # back of its new one. An order alone in its level takes the level with it.
            new_level = levels.get(key)
            if len(level) == 1:
                del levels[old_key]
                if new_level is None:
                    levels[key] = level
                    heap = half.heap
                    heappush(heap, key)
                    if len(heap) > half.room:
                        half.compact()
                    if key < half.best:
                        half.best = key
                    elif old_key == half.best:
                        half.shrunk()
                    return events
                if old_key == half.best:
                    half.shrunk()
                new_level[order_id] = order
            else:
                del level[order_id]
                if new_level is None:
                    new_level = levels[key] = {order_id: order}
                    heap = half.heap
                    heappush(heap, key)
                    if len(heap) > half.room:
                        half.compact()
                    if key < half.best:
                        half.best = key
                else:
                    new_level[order_id] = order
            order.level = new_level
            return events
        # Out of its old level ...
        del level[order_id]
        if not level:
            del levels[old_key]
            if old_key == half.best:
                half.shrunk()
        if not self._take(order, -key, events) or order.open == 0:
            del self._orders[order_id]
            return events
        # ... and at the back of its new one.
        new_level = levels.get(key)
        if new_level is None:
            new_level = levels[key] = {order_id: order}
            half.grown(key)
        else:
            new_level[order_id] = order
        order.level = new_level
        return events

    def expire(self, order_id: int) -> list[Event]:
        """``Expired`` of a resting DAY or GTD order whose time has come (the caller knows the
        clock), or ``Rejected(unknown_order)`` (``Rejected(not_expirable)`` for a GTC order,
        which stays on the book)."""
        try:
            order = self._orders[order_id]
        except KeyError:
            return [Rejected(order_id, RejectReason.UNKNOWN_ORDER)]
        if order.tif is _GTC:
            return [Rejected(order_id, RejectReason.NOT_EXPIRABLE)]
        self._remove(order)
        return [Expired(order_id, order.open)]

    # Reads (for the API's depth view, the rebuild check and the tests).
    def depth(self, side: Side, levels: int) -> list[tuple[int, int, int]]:
        """The best ``levels`` price levels of a side as (price, total quantity, orders)."""
        half = self._bids if side is _BUY else self._asks
        sign = -1 if side is _BUY else 1
        answer = []
        by_key = half.levels
        for key in half.sorted_keys()[: max(levels, 0)]:
            level = by_key[key]
            answer.append((sign * key, sum(o.open for o in level.values()), len(level)))
        return answer

    def best(self, side: Side) -> int | None:
        key = (self._bids if side is _BUY else self._asks).best
        if key == _EMPTY:
            return None
        return -key if side is _BUY else key

    def resting(self) -> list[tuple[int, Hashable, Side, int, int]]:
        """Every resting order as (order_id, owner, side, price, open quantity) in priority
        order: bids best first then asks best first, each level oldest first."""
        return [
            (o.id, o.owner, o.side, o.price, o.open)
            for half in (self._bids, self._asks)
            for key in half.sorted_keys()
            for o in half.levels[key].values()
        ]

    def may_meet(
        self,
        incoming: Iterable[tuple[Hashable, Side, int | None, int]],
        *,
        changing: Collection[int] = (),
    ) -> set[Hashable]:
        """Who could be party to a trade (or a self-trade cancel) when the ``incoming``
        orders, (owner, side, price in ticks or None for any, quantity in lots), come one
        after another in any order: a superset, empty when none of them can trade. For each
        side, the opposite side is walked best first, up to the side's most aggressive
        limit, until its orders that can only trade (not of the side's incoming owners, whom
        self-trade prevention may skip, and not ``changing``: resting orders that are about
        to be cancelled, amended or expired) hold the side's whole quantity; incoming orders
        on both sides that cross each other may meet too. For locking, before any of them is
        matched, what their trades would settle."""
        limit: dict[Side, int] = {}
        owners: dict[Side, set[Hashable]] = {_BUY: set(), _SELL: set()}
        lots = {_BUY: 0, _SELL: 0}
        for owner, side, price, quantity in incoming:
            key = _NO_LIMIT if price is None else (price if side is _BUY else -price)
            limit[side] = max(limit.get(side, key), key)
            owners[side].add(owner)
            lots[side] += quantity
        met: set[Hashable] = set()
        for side, key in limit.items():
            half = self._asks if side is _BUY else self._bids
            met |= _reach(half, key, lots[side], owners[side], changing)
        if len(limit) == 2 and limit[_BUY] + limit[_SELL] >= 0:  # the buys reach the sells
            met.add(None)
        if met:
            met.discard(None)
            met |= owners[_BUY] | owners[_SELL]
        return met

    def __contains__(self, order_id: int) -> bool:
        return order_id in self._orders

    def __len__(self) -> int:
        """How many orders rest on the book."""
        return len(self._orders)

    # Matching.
    def _fillable(self, taker: _Order, limit: int) -> bool:
        """Whether a FOK can trade its whole quantity now (docs/trading.md: the walk stops
        where self-trade prevention would stop the incoming order; own orders that
        ``cancel_oldest`` would cancel are skipped, they are no liquidity)."""
        need = taker.open
        owner = taker.owner
        skip_own = taker.stp is _OLDEST
        levels = taker.half.other.levels
        for key in sorted(key for key in levels if key <= limit):
            for maker in levels[key].values():
                if maker.owner == owner:
                    if skip_own:
                        continue
                    return False
                need -= maker.open
                if need <= 0:
                    return True
        return False

    def _take(self, taker: _Order, limit: int, events: list[Event]) -> bool:
        """Match ``taker`` against the opposite side up to the limit key, appending the
        events; leaves what is left in ``taker.open``. False when self-trade prevention
        stopped the taker (it must not rest; its ``Cancelled`` is in ``events``)."""
        half = taker.half.other
        levels = half.levels
        orders = self._orders
        append = events.append
        taker_id = taker.id
        owner = taker.owner
        side = taker.side
        left = taker.open
        going = True
        key = half.best
        while key <= limit:  # an empty side's best, _EMPTY, is above every limit
            level = levels[key]
            done: list[int] = []
            for maker in level.values():
                if maker.owner == owner:
                    stp = taker.stp
                    if stp is _NEWEST:
                        append(_new(Cancelled, (taker_id, left, _SELF_TRADE)))
                        going = False
                        break
                    if stp is _OLDEST:
                        append(_new(Cancelled, (maker.id, maker.open, _SELF_TRADE)))
                        done.append(maker.id)
                        continue
                    if stp is _BOTH:
                        append(_new(Cancelled, (maker.id, maker.open, _SELF_TRADE)))
                        append(_new(Cancelled, (taker_id, left, _SELF_TRADE)))
                        done.append(maker.id)
                        going = False
                        break
                    # decrement
                    cut = maker.open if maker.open < left else left
                    maker.open -= cut
                    left -= cut
                    if maker.open:
                        append(_new(Decremented, (maker.id, cut, maker.open)))
                    else:
                        append(_new(Cancelled, (maker.id, cut, _SELF_TRADE)))
                        done.append(maker.id)
                    if left:
                        append(_new(Decremented, (taker_id, cut, left)))
                        continue
                    append(_new(Cancelled, (taker_id, cut, _SELF_TRADE)))
                    going = False
                    break
                quantity = maker.open
                if quantity < left:
                    left -= quantity
                    maker.open = 0
                    done.append(maker.id)
                    append(
                        _new(
                            Trade,
                            (
                                taker_id,
                                maker.id,
                                owner,
                                maker.owner,
                                side,
                                maker.price,
                                quantity,
                                left,
                                0,
                            ),
                        )
                    )
                    continue
                maker.open = quantity - left
                if not maker.open:
                    done.append(maker.id)
                append(
                    _new(
                        Trade,
                        (
                            taker_id,
                            maker.id,
                            owner,
                            maker.owner,
                            side,
                            maker.price,
                            left,
                            0,
                            maker.open,
                        ),
                    )
                )
                left = 0
                break
            for maker_id in done:
                del level[maker_id]
                del orders[maker_id]
            if not level:
                del levels[key]
                half.shrunk()
                key = half.best
            if not going or not left:
                break
        taker.open = left
        return going

    def _remove(self, order: _Order) -> None:
        del self._orders[order.id]
        level = order.level
        del level[order.id]
        if not level:
            half = order.half
            key = order.key
            levels = half.levels
            del levels[key]
            if key == half.best:
                half.shrunk()


def _reach(
    half: _Half, limit: int, quantity: int, mine: Collection[Hashable], changing: Collection[int]
) -> set[Hashable]:
    """The owners of ``half``'s orders up to the limit key, best first, until those that can
    only trade (not of ``mine``, not ``changing``) hold ``quantity``."""
    found: set[Hashable] = set()
    levels = half.levels
    for key in sorted(key for key in levels if key <= limit):
        for maker in levels[key].values():
            found.add(maker.owner)
            if maker.owner not in mine and maker.id not in changing:
                quantity -= maker.open
                if quantity <= 0:
                    return found
    return found
