"""The matching engine alone, one core: operations/s and latency per operation on an
exchange-core-like stream, next to pyorderbook 0.4.9 on the same stream in the same run.

    .venv/bin/python bench/matching_engine.py [--ops 200000] [--rounds 5] [--seed 17]

The stream (seeded, built once before timing): about 1,000 resting orders over about 750
price levels, then ``--ops`` commands: 9 % new resting (GTC) limit orders, 3 % IOC orders that
cross (1 to 50 lots), 6 % cancels, 82 % price moves (amends of price; 2 % of them cross and
trade). A cancel becomes a new order while fewer than 1,000 orders rest. Every order has its
own owner, so self-trade prevention (which pyorderbook does not have) never fires.

First every engine runs the stream once keeping every event, untimed: the trades of both
must agree exactly (taker, maker, price, quantity, in order) or the run fails. Then each round
times, interleaved, our ``OrderBook`` and pyorderbook over the whole stream: operations per
second of the process's CPU time (``time.process_time``: the machine is shared, so wall time
would count other processes' turns), then the same with a wall clock read around every
command for p50 / p99 / p99.9 (those do include being descheduled). Every event is built and
kept per batch of 1,024 commands, as a journal would take them, then dropped (pyorderbook's
results likewise), so the heap stays the size of a running matcher's.

Mapping to pyorderbook (it has no IOC, no amend, and makes its own order ids): a new order is
``Book.match(Order(...))`` (the order's remainder rests); an IOC is ``match`` then ``cancel``
of a remainder; a cancel is ``Book.cancel(order)``; a price move is ``cancel`` + ``match`` of
a new ``Order`` with the open quantity at the new price, which is what our amend of price
means too (the order loses its place and goes to the back of the new level, matching first
if it crosses). Its ``Order`` objects are built inside the timed loop, as its API requires
(uuid4 and Decimal included); ours are built by the book.
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
from collections.abc import Callable
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

    def apply(cmd: Command) -> None:
        kind = cmd[0]
        if kind in (NEW, IOC):
            events = book.place(*cmd[1:6], TimeInForce.GTC if kind == NEW else TimeInForce.IOC)
        elif kind == CANCEL:
            events = book.cancel(cmd[1])
        else:
            events = book.amend(cmd[1], price=cmd[2])
            prices[cmd[1]] = cmd[2]
        for e in events:
            if type(e) is Trade and e.maker_remaining == 0:
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
            cmd = (MOVE, oid, price)
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


BATCH = 1_024  # events are kept per batch of commands, as a journal takes them, then dropped
TIME, CLOCK, CHECK = "time", "clock", "check"
Runner = Callable[[list[Command], list[list[Command]], str], tuple[float, list[Any]]]


def our_runner(book_class: type[Any]) -> Runner:
    """Runs the stream through one build of our engine. ``TIME``: elapsed seconds;
    ``CLOCK``: ns of each command; ``CHECK``: the trades (every event kept, untimed)."""

    def run(
        prefill: list[Command], batches: list[list[Command]], mode: str
    ) -> tuple[float, list[Any]]:
        book = book_class()
        place, cancel, amend = book.place, book.cancel, book.amend
        gtc, ioc = TimeInForce.GTC, TimeInForce.IOC
        for c in prefill:
            place(c[1], c[2], c[3], c[4], c[5])
        kept: list[list[Any]] = []
        gc.collect()
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
            return 0.0, lat
        check = mode == CHECK
        t0 = time.process_time()
        for batch in batches:
            out = []
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
            if check:
                kept.append(out)
        elapsed = time.process_time() - t0
        trades = [
            (e.taker_id, e.maker_id, e.price, e.quantity)
            for out in kept
            for events in out
            for e in events
            if type(e) is Trade
        ]
        return elapsed, trades

    return run


def pyorderbook_runner(
    prefill: list[Command], batches: list[list[Command]], mode: str
) -> tuple[float, list[Any]]:
    from pyorderbook import Book, Order
    from pyorderbook import Side as PSide

    book = Book()
    match, pcancel = book.match, book.cancel
    side_of = {BUY: PSide.BID, SELL: PSide.ASK}
    made: list[tuple[int, Any]] = []
    objs: dict[int, Any] = {}
    for c in prefill:
        o = Order(side_of[c[3]], "X", c[5], c[4])
        made.append((c[1], o))
        objs[c[1]] = o
        match(o)
    kept: list[list[Any]] = []
    gc.collect()

    def step(c: Command) -> Any:
        kind = c[0]
        if kind == MOVE:
            old = objs[c[1]]
            pcancel(old)
            o = Order(old.side, "X", c[2], old.quantity)
            objs[c[1]] = o
            made.append((c[1], o))
            return match(o)
        if kind == NEW:
            o = Order(side_of[c[3]], "X", c[5], c[4])
            objs[c[1]] = o
            made.append((c[1], o))
            return match(o)
        if kind == IOC:
            o = Order(side_of[c[3]], "X", c[5], c[4])
            made.append((c[1], o))
            blotter = match(o)
            if o.quantity:
                pcancel(o)
            return blotter
        pcancel(objs.pop(c[1]))
        return None

    if mode == CLOCK:
        now = time.perf_counter_ns
        lat: list[int] = []
        mark = lat.append
        for batch in batches:
            out: list[Any] = []
            keep = out.append
            for c in batch:
                t0 = now()
                blotter = step(c)
                mark(now() - t0)
                keep(blotter)
        return 0.0, lat
    check = mode == CHECK
    t0 = time.process_time()
    for batch in batches:
        out = []
        keep = out.append
        for c in batch:
            keep(step(c))
        if check:
            kept.append(out)
    elapsed = time.process_time() - t0
    ids = {o.id: oid for oid, o in made}
    trades = [
        (ids[t.incoming_order_id], ids[t.standing_order_id], int(t.fill_price), t.fill_quantity)
        for out in kept
        for blotter in out
        if blotter is not None
        for t in blotter.trades
    ]
    return elapsed, trades


def percentile(sorted_ns: list[int], q: float) -> int:
    return sorted_ns[min(len(sorted_ns) - 1, int(q * len(sorted_ns)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--engine-only", action="store_true", help="skip pyorderbook")
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
    runners: dict[str, Runner] = {"ours": our_runner(OrderBook)}
    if not args.engine_only:
        runners["pyorderbook 0.4.9"] = pyorderbook_runner
    reference: list[Any] | None = None
    for name, run in runners.items():  # every event kept: the trades must agree
        trades = run(prefill, batches, CHECK)[1]
        if reference is None:
            reference = trades
        elif trades != reference:
            pairs = enumerate(zip(trades, reference, strict=False))
            first = next((i for i, (a, b) in pairs if a != b), min(len(trades), len(reference)))
            sys.exit(f"{name}: trades differ from ours at trade {first}")
    print(f"trades agree: {len(reference or [])} trades, same takers, makers, prices, quantities")
    rates: dict[str, list[float]] = {name: [] for name in runners}
    lats: dict[str, list[int]] = {name: [] for name in runners}
    for r in range(args.rounds):
        line = []
        for name, run in runners.items():
            elapsed = run(prefill, batches, TIME)[0]
            rates[name].append(args.ops / elapsed)
            line.append(f"{name} {args.ops / elapsed:,.0f} ops/s")
        for name, run in runners.items():
            lats[name].extend(run(prefill, batches, CLOCK)[1])
        if "pyorderbook 0.4.9" in rates:
            line.append(f"ratio {rates['ours'][-1] / rates['pyorderbook 0.4.9'][-1]:.2f}x")
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
    if "pyorderbook 0.4.9" in rates:
        theirs = statistics.median(rates["pyorderbook 0.4.9"])
        for name in runners:
            if name != "pyorderbook 0.4.9":
                ratio = statistics.median(rates[name]) / theirs
                each = statistics.median(
                    a / b for a, b in zip(rates[name], rates["pyorderbook 0.4.9"], strict=True)
                )
                print(
                    f"{name} / pyorderbook: {ratio:.2f}x of the medians, {each:.2f}x median of "
                    "the rounds' ratios (target >= 4x)"
                )


if __name__ == "__main__":
    main()
