"""The matching engine alone, one core: operations/s and latency per operation on an
exchange-core-like stream, next to pyorderbook 0.4.9 (two ways) and order-matching 0.12.0 on
the same stream in the same run.

    .venv/bin/python bench/matching_engine.py [--ops 200000] [--rounds 5] [--seed 17]
        [--order-matching-ops 10000] [--profile ours|loop|prebuilt|order-matching]

The stream (seeded, built once before timing): about 1,000 resting orders over about 750
price levels, then ``--ops`` commands: 9 % new resting (GTC) limit orders, 3 % IOC orders that
cross (1 to 50 lots), 6 % cancels, 82 % price moves (amends of price; 2 % of them cross and
trade). A cancel becomes a new order while fewer than 1,000 orders rest. Every order has its
own owner, so self-trade prevention (which the others do not have) never fires. Each price
move carries the open quantity its order has at that moment (tracked from our book's events
while the stream is built), for the engines that have no amend.

First every engine runs the stream once keeping every event, untimed: the trades of each
must agree exactly with ours (taker, maker, price, quantity, in order) or the run fails. Then
each round times, interleaved, our ``OrderBook`` and both pyorderbook variants over the whole
stream: operations per second of the process's CPU time (``time.process_time``: the machine
is shared, so wall time would count other processes' turns), then the same with a wall clock
read around every command for p50 / p99 / p99.9 (those do include being descheduled). Every
event is built and kept per batch of 1,024 commands, as a journal would take them, then
dropped (the others' results likewise), so the heap stays the size of a running matcher's.
Each timed pass starts after ``gc.collect()`` and ``gc.freeze()`` (the setup's objects, the
pre-built orders included, are not scanned by the collector while the clock runs).

Mapping to pyorderbook (it has no IOC, no amend, and makes its own order ids): a new order is
``Book.match(Order(...))`` (the order's remainder rests); an IOC is ``match`` then ``cancel``
of a remainder; a cancel is ``Book.cancel(order)``; a price move is ``cancel`` + ``match`` of
a new ``Order`` with the open quantity at the new price, which is what our amend of price
means too (the order loses its place and goes to the back of the new level, matching first
if it crosses). Two variants, both in every round:

- "orders built in the loop": its ``Order`` objects (uuid4 and ``Decimal`` included) are
  built inside the timed loop, as a live feed would have to;
- "orders pre-built": every ``Order`` the stream needs is built before the clock starts (a
  price move's with the open quantity the stream recorded; the check run asserts that this
  is exactly what the old order had open when it moved), and the timed loop only calls
  ``Book._match`` (what ``Book.match`` dispatches to after an ``isinstance``) and
  ``Book.cancel`` on ready objects, with no id bookkeeping. This is the most favourable
  reading of pyorderbook; the headline ratio is against the faster of the two variants.

order-matching (``MatchingEngine``): see ``order_matching_runner``; it is about a thousand
times slower on this book (linear scans of every resting order per command), so it takes
only the first ``--order-matching-ops`` commands, once, with its trades checked.

``--profile``: instead of timing, the timed part of one pass of one engine under cProfile.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domain.trading.matching.book import OrderBook  # noqa: E402
from domain.trading.matching.events import Trade  # noqa: E402
from domain.trading.terms import Side, TimeInForce  # noqa: E402

NEW, IOC, CANCEL, MOVE = 0, 1, 2, 3
MID = 100_000
HALF = 900  # each side's price range in ticks: ~1,000 orders then occupy ~750 levels
TARGET = 1_000
BUY, SELL = Side.BUY, Side.SELL
Command = tuple[Any, ...]


class Live:
    """The ids of resting orders, for picking one at random in O(1)."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.where: dict[int, int] = {}

    def add(self, oid: int) -> None:
        self.where[oid] = len(self.ids)
        self.ids.append(oid)

    def drop(self, oid: int) -> None:
        i = self.where.pop(oid, None)
        if i is None:
            return
        last = self.ids.pop()
        if last != oid:
            self.ids[i] = last
            self.where[last] = i

    def pick(self, rng: random.Random) -> int:
        return self.ids[rng.randrange(len(self.ids))]


def resting_price(rng: random.Random, side: Side) -> int:
    return MID - rng.randint(1, HALF) if side is BUY else MID + rng.randint(1, HALF)


def build_stream(ops: int, seed: int) -> tuple[list[Command], list[Command], dict[str, float]]:
    """Prefill and timed commands, built by running them through our book to know which
    orders are live (what is cancelled or moved is always resting)."""
    rng = random.Random(seed)
    book = OrderBook()
    live = Live()
    next_id = 1
    sides: dict[int, Side] = {}
    prices: dict[int, int] = {}

    opens: dict[int, int] = {}  # open quantity of each resting order, from the events

    def apply(cmd: Command) -> None:
        kind = cmd[0]
        if kind in (NEW, IOC):
            events = book.place(*cmd[1:6], TimeInForce.GTC if kind == NEW else TimeInForce.IOC)
            opens[cmd[1]] = cmd[4]
        elif kind == CANCEL:
            events = book.cancel(cmd[1])
        else:
            events = book.amend(cmd[1], price=cmd[2])
            prices[cmd[1]] = cmd[2]
        for e in events:
            if type(e) is Trade:
                opens[e.taker_id] = e.taker_remaining
                opens[e.maker_id] = e.maker_remaining
                if e.maker_remaining == 0:
                    live.drop(e.maker_id)
        oid = cmd[1]
        if oid in book:
            if oid not in live.where:
                live.add(oid)
        else:
            live.drop(oid)

    prefill: list[Command] = []
    for _ in range(TARGET):
        side = BUY if rng.random() < 0.5 else SELL
        price = resting_price(rng, side)
        cmd = (NEW, next_id, next_id, side, rng.randint(1, 100), price)
        sides[next_id], prices[next_id] = side, price
        next_id += 1
        prefill.append(cmd)
        apply(cmd)

    stream: list[Command] = []
    mix = dict.fromkeys(("new", "ioc", "cancel", "move", "crossing move"), 0)
    levels_seen: list[int] = []
    orders_seen: list[int] = []
    for n in range(ops):
        r = rng.random()
        if r < 0.06 and len(live.ids) < TARGET:
            r = 0.0  # keep the book near its size: a cancel becomes a new order
        if r < 0.09 or not live.ids:
            side = BUY if rng.random() < 0.5 else SELL
            price = resting_price(rng, side)
            cmd = (NEW, next_id, next_id, side, rng.randint(1, 100), price)
            sides[next_id], prices[next_id] = side, price
            next_id += 1
            mix["new"] += 1
        elif r < 0.12:
            side = BUY if rng.random() < 0.5 else SELL
            best = book.best(side.opposite)
            if best is None:
                best = MID
            price = best + rng.randint(0, 10) if side is BUY else best - rng.randint(0, 10)
            cmd = (IOC, next_id, next_id, side, rng.randint(1, 50), price)
            next_id += 1
            mix["ioc"] += 1
        elif r < 0.18:
            cmd = (CANCEL, live.pick(rng))
            mix["cancel"] += 1
        else:
            oid = live.pick(rng)
            side, old = sides[oid], prices[oid]
            if rng.random() < 0.02 and book.best(side.opposite) is not None:
                best = book.best(side.opposite)
                assert best is not None
                price = best + rng.randint(0, 2) if side is BUY else best - rng.randint(0, 2)
                mix["crossing move"] += 1
            else:
                low, high = (MID - HALF, MID - 1) if side is BUY else (MID + 1, MID + HALF)
                price = old
                while price == old:
                    price = min(high, max(low, old + rng.randint(-10, 10)))
            if price == old:
                price = old + (-1 if side is BUY else 1)
            cmd = (MOVE, oid, price, opens[oid])  # the open quantity it moves with
            mix["move"] += 1
        stream.append(cmd)
        apply(cmd)
        if n % 97 == 0:
            levels_seen.append(len(book.depth(BUY, 10**6)) + len(book.depth(SELL, 10**6)))
            orders_seen.append(len(book))
    shape = {k: v / ops for k, v in mix.items()}
    shape["levels"] = statistics.mean(levels_seen)
    shape["orders"] = statistics.mean(orders_seen)
    return prefill, stream, shape


PROFILER: list[Any] = []  # --profile: the cProfile.Profile that the timed part runs under


def start_clock() -> float:
    if PROFILER:
        PROFILER[0].enable()
    return time.process_time()


def stop_clock(t0: float) -> float:
    elapsed = time.process_time() - t0
    if PROFILER:
        PROFILER[0].disable()
    return elapsed


BATCH = 1_024  # events are kept per batch of commands, as a journal takes them, then dropped
TIME, CLOCK, CHECK = "time", "clock", "check"
Runner = Callable[[list[Command], list[list[Command]], str], tuple[float, Any]]
# TIME answers (0.0, an iterator that runs one batch per next() and yields its CPU seconds),
# so that main can interleave the engines batch by batch; CLOCK (0.0, ns per command); CHECK
# (CPU seconds, the trades).


def our_runner(book_class: type[Any]) -> Runner:
    """Runs the stream through one build of our engine. ``TIME``: elapsed seconds;
    ``CLOCK``: ns of each command; ``CHECK``: the trades (every event kept, untimed)."""

    def run(prefill: list[Command], batches: list[list[Command]], mode: str) -> tuple[float, Any]:
        book = book_class()
        place, cancel, amend = book.place, book.cancel, book.amend
        gtc, ioc = TimeInForce.GTC, TimeInForce.IOC
        for c in prefill:
            place(c[1], c[2], c[3], c[4], c[5])
        kept: list[list[Any]] = []
        gc.collect()
        gc.freeze()
        if mode == CLOCK:
            now = time.perf_counter_ns
            lat: list[int] = []
            mark = lat.append
            for batch in batches:
                out: list[Any] = []
                keep = out.append
                for c in batch:
                    kind = c[0]
                    t0 = now()
                    if kind == MOVE:
                        events = amend(c[1], price=c[2])
                    elif kind == NEW:
                        events = place(c[1], c[2], c[3], c[4], c[5], gtc)
                    elif kind == IOC:
                        events = place(c[1], c[2], c[3], c[4], c[5], ioc)
                    else:
                        events = cancel(c[1])
                    mark(now() - t0)
                    keep(events)
            gc.unfreeze()
            return 0.0, lat
        check = mode == CHECK

        def timed() -> Iterator[float]:
            for batch in batches:
                t0 = start_clock()
                out = []  # dropping the previous batch's events is on the clock
                keep = out.append
                for c in batch:
                    kind = c[0]
                    if kind == MOVE:
                        keep(amend(c[1], price=c[2]))
                    elif kind == NEW:
                        keep(place(c[1], c[2], c[3], c[4], c[5], gtc))
                    elif kind == IOC:
                        keep(place(c[1], c[2], c[3], c[4], c[5], ioc))
                    else:
                        keep(cancel(c[1]))
                yield stop_clock(t0)
                if check:
                    kept.append(out)

        if mode == TIME:
            return 0.0, timed()
        elapsed = sum(timed())
        gc.unfreeze()
        trades = [
            (e.taker_id, e.maker_id, e.price, e.quantity)
            for out in kept
            for events in out
            for e in events
            if type(e) is Trade
        ]
        return elapsed, trades

    return run


def pyorderbook_runner(prebuilt: bool) -> Runner:
    """Runs the stream through pyorderbook 0.4.9. ``prebuilt=False``: its ``Order`` objects
    are built in the timed loop, as a live feed would have to; ``prebuilt=True``: every
    ``Order`` the stream will need (a price move's carrying the open quantity the stream
    recorded for that moment) is built before the clock starts, and the timed loop only
    calls ``Book._match`` (what ``Book.match`` dispatches to) and ``Book.cancel``."""

    def run(prefill: list[Command], batches: list[list[Command]], mode: str) -> tuple[float, Any]:
        from pyorderbook import Book, Order
        from pyorderbook import Side as PSide

        book = Book()
        match, pcancel = (book._match if prebuilt else book.match), book.cancel
        side_of = {BUY: PSide.BID, SELL: PSide.ASK}
        made: list[tuple[int, Any]] = []
        objs: dict[int, Any] = {}
        for c in prefill:
            o = Order(side_of[c[3]], "X", c[5], c[4])
            made.append((c[1], o))
            objs[c[1]] = o
            match(o)
        plan: list[list[tuple[int, Any, Any]]] = []
        if prebuilt:  # (kind, the Order to cancel, the Order to match), untimed
            for batch in batches:
                steps = []
                for c in batch:
                    kind = c[0]
                    if kind == MOVE:
                        old = objs[c[1]]
                        o = Order(old.side, "X", c[2], c[3])
                        objs[c[1]] = o
                        made.append((c[1], o))
                        steps.append((MOVE, old, o))
                    elif kind == CANCEL:
                        steps.append((CANCEL, objs.pop(c[1]), None))
                    else:
                        o = Order(side_of[c[3]], "X", c[5], c[4])
                        objs[c[1]] = o
                        made.append((c[1], o))
                        steps.append((kind, None, o))
                plan.append(steps)
        kept: list[list[Any]] = []
        gc.collect()
        gc.freeze()  # the pre-built orders (and every engine's prefill) out of the GC's scans
        check = mode == CHECK
        lat: list[int] = []
        if mode == CLOCK:
            now = time.perf_counter_ns
            mark = lat.append
            if prebuilt:
                for steps in plan:
                    out: list[Any] = []
                    keep = out.append
                    for kind, old, new in steps:
                        t0 = now()
                        if kind == MOVE:
                            pcancel(old)
                            keep(match(new))
                        elif kind == NEW:
                            keep(match(new))
                        elif kind == IOC:
                            blotter = match(new)
                            if new.quantity:
                                pcancel(new)
                            keep(blotter)
                        else:
                            pcancel(old)
                        mark(now() - t0)
            else:
                for batch in batches:
                    out = []
                    keep = out.append
                    for c in batch:
                        kind = c[0]
                        t0 = now()
                        if kind == MOVE:
                            old = objs[c[1]]
                            pcancel(old)
                            o = Order(old.side, "X", c[2], old.quantity)
                            objs[c[1]] = o
                            made.append((c[1], o))
                            keep(match(o))
                        elif kind == NEW:
                            o = Order(side_of[c[3]], "X", c[5], c[4])
                            objs[c[1]] = o
                            made.append((c[1], o))
                            keep(match(o))
                        elif kind == IOC:
                            o = Order(side_of[c[3]], "X", c[5], c[4])
                            made.append((c[1], o))
                            blotter = match(o)
                            if o.quantity:
                                pcancel(o)
                            keep(blotter)
                        else:
                            pcancel(objs.pop(c[1]))
                        mark(now() - t0)
            gc.unfreeze()
            return 0.0, lat

        def timed() -> Iterator[float]:
            if prebuilt:
                for steps in plan:
                    t0 = start_clock()
                    out = []
                    keep = out.append
                    for kind, old, new in steps:
                        if kind == MOVE:
                            pcancel(old)
                            keep(match(new))
                        elif kind == NEW:
                            keep(match(new))
                        elif kind == IOC:
                            blotter = match(new)
                            if new.quantity:
                                pcancel(new)
                            keep(blotter)
                        else:
                            pcancel(old)
                    yield stop_clock(t0)
                    if check:
                        kept.append(out)
                return
            for batch in batches:
                t0 = start_clock()
                out = []
                keep = out.append
                for c in batch:
                    kind = c[0]
                    if kind == MOVE:
                        old = objs[c[1]]
                        pcancel(old)
                        o = Order(old.side, "X", c[2], old.quantity)
                        objs[c[1]] = o
                        made.append((c[1], o))
                        keep(match(o))
                    elif kind == NEW:
                        o = Order(side_of[c[3]], "X", c[5], c[4])
                        objs[c[1]] = o
                        made.append((c[1], o))
                        keep(match(o))
                    elif kind == IOC:
                        o = Order(side_of[c[3]], "X", c[5], c[4])
                        made.append((c[1], o))
                        blotter = match(o)
                        if o.quantity:
                            pcancel(o)
                        keep(blotter)
                    else:
                        pcancel(objs.pop(c[1]))
                yield stop_clock(t0)
                if check:
                    kept.append(out)

        if mode == TIME:
            return 0.0, timed()
        elapsed = sum(timed())
        gc.unfreeze()
        if check and prebuilt:
            # A pre-built move carried the quantity the old order had open when it moved
            # (a cancelled Order is never touched again, so its quantity is that of then).
            for steps in plan:
                for kind, old, new in steps:
                    if kind == MOVE and old.quantity != new.original_quantity:
                        sys.exit(
                            f"pre-built move of {old.id}: {new.original_quantity} lots, "
                            f"{old.quantity} were open"
                        )
        ids = {o.id: oid for oid, o in made}
        trades = [
            (ids[t.incoming_order_id], ids[t.standing_order_id], int(t.fill_price), t.fill_quantity)
            for out in kept
            for blotter in out
            if blotter is not None
            for t in blotter.trades
        ]
        return elapsed, trades

    return run


def order_matching_runner(
    prefill: list[Command], batches: list[list[Command]], mode: str
) -> tuple[float, Any]:
    """Runs the stream through order-matching 0.12.0 (``MatchingEngine``): a new order is
    ``place`` of a ``LimitOrder`` then ``match``; an IOC is that then ``cancel_order`` of a
    remainder; a cancel is ``cancel_order``; a price move is ``cancel_order`` then a new
    ``LimitOrder`` with the same id and the open quantity at the new price, placed and matched.
    Time priority is its orders' ``timestamp``: one microsecond later per command. Only
    ``TIME`` (with ``CHECK``'s trades): it is too slow to take the latency pass too."""
    from datetime import datetime, timedelta

    from loguru import logger
    from order_matching.enums import Side as OSide
    from order_matching.matching_engine import MatchingEngine
    from order_matching.order import LimitOrder
    from order_matching.orders import Orders

    logger.disable("order_matching")  # it logs every call at DEBUG, to stderr by default
    engine = MatchingEngine(seed=17)
    place, match, cancel = engine.place, engine.match, engine.cancel_order
    side_of = {BUY: OSide.BUY, SELL: OSide.SELL}
    start = datetime(2026, 1, 1)  # noqa: DTZ001 - naive like its default expiration
    tick = timedelta(microseconds=1)
    objs: dict[int, Any] = {}
    n = 0
    for c in prefill:
        n += 1
        at = start + n * tick
        o = LimitOrder(
            side=side_of[c[3]],
            price=float(c[5]),
            size=float(c[4]),
            timestamp=at,
            order_id=c[1],
            trader_id=c[2],
        )
        objs[c[1]] = o
        place(Orders([o]))
        match(timestamp=at)
    kept: list[list[Any]] = []
    gc.collect()
    gc.freeze()
    t0 = start_clock()
    for batch in batches:
        out: list[Any] = []
        keep = out.append
        for c in batch:
            n += 1
            at = start + n * tick
            kind = c[0]
            if kind == MOVE:
                old = objs[c[1]]
                cancel(c[1])
                o = LimitOrder(
                    side=old.side,
                    price=float(c[2]),
                    size=old.size,
                    timestamp=at,
                    order_id=c[1],
                    trader_id=old.trader_id,
                )
                objs[c[1]] = o
                place(Orders([o]))
                keep(match(timestamp=at))
            elif kind == CANCEL:
                cancel(c[1])
                del objs[c[1]]
            else:
                o = LimitOrder(
                    side=side_of[c[3]],
                    price=float(c[5]),
                    size=float(c[4]),
                    timestamp=at,
                    order_id=c[1],
                    trader_id=c[2],
                )
                objs[c[1]] = o
                place(Orders([o]))
                keep(match(timestamp=at))
                if kind == IOC and o.size > 0:
                    cancel(c[1])
        kept.append(out)
    elapsed = stop_clock(t0)
    gc.unfreeze()
    trades = [
        (t.incoming_order_id, t.book_order_id, int(t.price), int(t.size))
        for out in kept
        for executed in out
        for t in executed.trades
    ]
    return elapsed, trades


def percentile(sorted_ns: list[int], q: float) -> int:
    return sorted_ns[min(len(sorted_ns) - 1, int(q * len(sorted_ns)))]


OURS = "ours"
LOOP = "pyorderbook 0.4.9, orders built in the loop"
PREBUILT = "pyorderbook 0.4.9, orders pre-built"
OM = "order-matching 0.12.0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--engine-only", action="store_true", help="skip the other engines")
    parser.add_argument(
        "--order-matching-ops",
        type=int,
        default=10_000,
        help="order-matching takes the first N commands of the stream, once (0: skip it)",
    )
    parser.add_argument(
        "--slice",
        type=int,
        default=0,
        help="batches of 1,024 commands each engine runs in its turn within a round (0: the"
        " whole stream; small slices share the core's caches between engines, which costs"
        " the fastest engine most: 1 halves ours)",
    )
    parser.add_argument(
        "--profile",
        choices=("ours", "loop", "prebuilt", "order-matching"),
        help="instead of timing: one pass of that engine under cProfile, top 20 by own time",
    )
    args = parser.parse_args()
    import logging

    logging.disable(logging.INFO)  # pyorderbook configures INFO logging on import

    prefill, stream, shape = build_stream(args.ops, args.seed)
    print(
        f"stream: {args.ops} ops, seed {args.seed}; "
        + ", ".join(f"{k} {v:.1%}" for k, v in shape.items() if k not in ("levels", "orders"))
        + f"; on average {shape['orders']:.0f} resting orders over {shape['levels']:.0f} levels"
    )
    print(
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    batches = [stream[i : i + BATCH] for i in range(0, len(stream), BATCH)]
    if args.profile:
        profile(args.profile, prefill, batches)
        return
    runners: dict[str, Runner] = {OURS: our_runner(OrderBook)}
    if not args.engine_only:
        runners[LOOP] = pyorderbook_runner(prebuilt=False)
        runners[PREBUILT] = pyorderbook_runner(prebuilt=True)
    reference: list[Any] = []
    for name, run in runners.items():  # every event kept: the trades must agree
        trades = run(prefill, batches, CHECK)[1]
        if name == OURS:
            reference = trades
        elif trades != reference:
            sys.exit(
                f"{name}: trades differ from ours at trade {first_difference(trades, reference)}"
            )
    print(f"trades agree: {len(reference)} trades, same takers, makers, prices, quantities")
    if not args.engine_only and args.order_matching_ops:
        few = args.order_matching_ops
        part = [stream[i : i + BATCH] for i in range(0, min(few, len(stream)), BATCH)]
        ours_part = our_runner(OrderBook)(prefill, part, CHECK)[1]
        elapsed, trades = order_matching_runner(prefill, part, CHECK)
        if trades != ours_part:
            sys.exit(
                f"{OM}: trades differ from ours at trade {first_difference(trades, ours_part)}"
            )
        print(
            f"{OM}, first {min(few, len(stream))} commands once: "
            f"{min(few, len(stream)) / elapsed:,.0f} ops/s, trades agree ({len(trades)} trades)"
        )
    rates: dict[str, list[float]] = {name: [] for name in runners}
    lats: dict[str, list[int]] = {name: [] for name in runners}
    theirs = [name for name in runners if name != OURS]
    for r in range(args.rounds):
        line = []
        passes = {name: run(prefill, batches, TIME)[1] for name, run in runners.items()}
        gc.collect()
        gc.freeze()
        spent = dict.fromkeys(runners, 0.0)
        names = list(runners)
        step = args.slice or len(batches)
        for i in range(0, len(batches), step):  # a slice each, who goes first in turn
            turn = (i // step + r) % len(names)
            for name in names[turn:] + names[:turn]:
                for _ in range(min(step, len(batches) - i)):
                    spent[name] += next(passes[name])
        gc.unfreeze()
        del passes
        for name in runners:
            rates[name].append(args.ops / spent[name])
            line.append(f"{name} {args.ops / spent[name]:,.0f} ops/s")
        for name, run in runners.items():
            lats[name].extend(run(prefill, batches, CLOCK)[1])
        for name in theirs:
            line.append(f"ratio to {name.split(', ')[1]} {rates[OURS][-1] / rates[name][-1]:.2f}x")
        print(f"round {r + 1}: " + ", ".join(line))
    print()
    print("| engine | ops/s (median of rounds) | p50 ns | p99 ns | p99.9 ns |")
    print("|---|---|---|---|---|")
    for name in runners:
        ordered = sorted(lats[name])
        print(
            f"| {name} | {statistics.median(rates[name]):,.0f} | {percentile(ordered, 0.5):,} "
            f"| {percentile(ordered, 0.99):,} | {percentile(ordered, 0.999):,} |"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if theirs:
        for name in theirs:
            ratio = statistics.median(rates[OURS]) / statistics.median(rates[name])
            each = statistics.median(a / b for a, b in zip(rates[OURS], rates[name], strict=True))
            print(f"ours / {name}: {ratio:.2f}x of the medians, {each:.2f}x median of rounds")
        fastest = max(theirs, key=lambda name: statistics.median(rates[name]))
        worst = [a / max(rates[n][i] for n in theirs) for i, a in enumerate(rates[OURS])]
        print(
            f"headline, ours / the faster pyorderbook ({fastest.split(', ')[1]}): "
            f"{statistics.median(rates[OURS]) / statistics.median(rates[fastest]):.2f}x of the "
            f"medians; each round against that round's faster one: "
            + ", ".join(f"{x:.2f}" for x in worst)
            + " (target >= 4x)"
        )


def profile(which: str, prefill: list[Command], batches: list[list[Command]]) -> None:
    """The timed part of one pass under cProfile (it inflates Python-level calls: read it as
    a ranking)."""
    import cProfile
    import pstats

    run = {
        "ours": our_runner(OrderBook),
        "loop": pyorderbook_runner(prebuilt=False),
        "prebuilt": pyorderbook_runner(prebuilt=True),
        "order-matching": order_matching_runner,
    }[which]
    profiler = cProfile.Profile()
    PROFILER.append(profiler)  # enabled only while the clock runs: setup is not profiled
    if which == "order-matching":
        run(prefill, batches, CHECK)
    else:
        sum(run(prefill, batches, TIME)[1])
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(15)


def first_difference(trades: list[Any], reference: list[Any]) -> int:
    pairs = enumerate(zip(trades, reference, strict=False))
    return next((i for i, (a, b) in pairs if a != b), min(len(trades), len(reference)))


if __name__ == "__main__":
    main()
