"""The feed's view of a book: the top 25 levels a side aggregated and written in the
instrument's places, best first; the changes between two tops (qty "0" for a level gone);
the CRC-32 checksum of the first ten levels. On random order streams, a client that applies
each change to its copy holds exactly the new top, and its checksum is the publisher's."""

from __future__ import annotations

import json
import zlib
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.trading.depth import (
    DEPTH_LEVELS,
    BookTop,
    Depth,
    applied,
    changes,
    checksum,
)
from domain.trading.grid_text import average_text, money_text
from domain.trading.matching.book import OrderBook
from domain.trading.terms import Side, TimeInForce
from tests.unit.trading.test_instruments import instrument

SOL = instrument(symbol="SOL-USD", lot_size=Decimal("0.01"), trading_hours="24x7")


def test_levels_are_aggregated_best_first_in_the_instruments_places() -> None:
    book = OrderBook()
    book.place(1, "ann", Side.BUY, 150, 14990)  # 1.50 at 149.90
    book.place(2, "bob", Side.BUY, 25, 14990)
    book.place(3, "ann", Side.BUY, 100, 15000)
    book.place(4, "cy", Side.SELL, 300, 15100)
    book.place(5, "cy", Side.SELL, 1, 15050)
    depth = Depth.of(book, SOL)
    assert depth.bids == (("150.00", "1.00"), ("149.90", "1.75"))
    assert depth.asks == (("150.50", "0.01"), ("151.00", "3.00"))


def test_only_the_top_levels_are_taken() -> None:
    book = OrderBook()
    for n in range(40):
        book.place(n + 1, "ann", Side.BUY, 1, 10000 - n)
    depth = Depth.of(book, SOL)
    assert len(depth.bids) == DEPTH_LEVELS
    assert depth.bids[0] == ("100.00", "0.01")
    assert depth.bids[-1] == ("99.76", "0.01")
    assert depth.asks == ()


def test_changes_name_what_moved_and_zero_what_left() -> None:
    old = Depth(
        bids=(("100.00", "1.00"), ("99.90", "2.00"), ("99.80", "1.00")),
        asks=(("100.10", "5.00"),),
    )
    new = Depth(
        bids=(("100.00", "1.00"), ("99.90", "0.50"), ("99.70", "4.00")),
        asks=(("100.05", "1.00"), ("100.10", "5.00")),
    )
    delta = changes(old, new)
    assert delta.bids == (("99.90", "0.50"), ("99.80", "0"), ("99.70", "4.00"))
    assert delta.asks == (("100.05", "1.00"),)
    assert applied(old, delta) == new
    assert changes(new, new).empty


def test_a_level_pushed_below_the_top_leaves_the_copy() -> None:
    book = OrderBook()
    for n in range(DEPTH_LEVELS):
        book.place(n + 1, "ann", Side.SELL, 1, 10000 + n)
    old = Depth.of(book, SOL)
    book.place(100, "bob", Side.SELL, 7, 9999)  # a better level: the 25th is now the 26th
    new = Depth.of(book, SOL)
    delta = changes(old, new)
    assert delta.asks == (("99.99", "0.07"), ("100.24", "0"))
    assert applied(old, delta) == new


def test_the_checksum_interleaves_the_first_ten_bids_and_asks() -> None:
    depth = Depth(
        bids=tuple((f"{100 - n}.00", "1.00") for n in range(12)),
        asks=(("101.00", "2.50"), ("102.00", "0.01")),
    )
    text = ":".join(
        ["100.00:1.00", "101.00:2.50", "99.00:1.00", "102.00:0.01"]
        + [f"{100 - n}.00:1.00" for n in range(2, 10)]
    )
    assert checksum(depth) == zlib.crc32(text.encode())
    assert checksum(Depth(bids=(("100.00", "1.00"),), asks=(("101.00", "2.50"),))) == 3468620034
    assert checksum(Depth()) == 0


def test_averages_and_fees_keep_their_own_places() -> None:
    assert average_text(SOL, Decimal("150.1")) == "150.10"
    assert average_text(SOL, Decimal(45025) / Decimal(300)) == "150.0833333333"
    assert money_text(Decimal("0.3"), "USD") == "0.30"
    assert money_text(Decimal("12"), "JPY") == "12"


commands = st.lists(
    st.one_of(
        st.tuples(
            st.just("place"),
            st.sampled_from([Side.BUY, Side.SELL]),
            st.integers(1, 500),  # lots
            st.integers(9960, 10040),  # ticks around 100.00: deeper than the top 25
            st.sampled_from([TimeInForce.GTC, TimeInForce.IOC]),
        ),
        st.tuples(st.just("cancel"), st.integers(1, 200)),
        st.tuples(st.just("amend"), st.integers(1, 200), st.integers(1, 500)),
    ),
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(commands)
def test_a_copy_kept_by_the_changes_is_the_book_and_proves_it(stream: list[tuple]) -> None:
    book = OrderBook()
    held = Depth.priced(BookTop.of(book), SOL)  # the client's first snapshot
    published = held
    for number, command in enumerate(stream, start=1):
        if command[0] == "place":
            _, side, lots, ticks, tif = command
            book.place(number, f"owner{number % 3}", side, lots, ticks, tif)
        elif command[0] == "cancel":
            book.cancel(command[1])
        else:
            book.amend(command[1], quantity=command[2])
        now = Depth.of(book, SOL)
        delta = changes(published, now)
        # what travels is JSON: the client applies the strings it received
        wire = json.loads(json.dumps({"bids": delta.bids, "asks": delta.asks}))
        received = Depth(
            tuple((p, q) for p, q in wire["bids"]), tuple((p, q) for p, q in wire["asks"])
        )
        held = applied(held, received)
        assert held == now
        assert checksum(held) == checksum(now)
        published = now
    assert held.bids == tuple(
        (f"{Decimal(p) / 100:.2f}", f"{Decimal(q) / 100:.2f}")
        for p, q, _ in book.depth(Side.BUY, DEPTH_LEVELS)
    )
