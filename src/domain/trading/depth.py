"""The top of an order book as the live feed shows it: the best ``DEPTH_LEVELS`` price levels
a side, each as (price, total open quantity) strings in the instrument's places, best first
(bids highest first, asks lowest first); what changed between two of them; and the checksum
that lets a client prove its copy (docs/market-data.md, "What trading publishes").

- ``changes(old, new)``: the levels of ``new`` that are not in ``old`` with the same quantity,
  and a quantity of ``"0"`` for each level of ``old`` that is not in ``new`` (gone, or pushed
  below the top by better ones), best first; ``applied(old, changes(old, new)) == new``.
- ``checksum``: CRC-32 (unsigned) of the UTF-8 of the first ``CHECKSUM_LEVELS`` levels,
  interleaved bid then ask, ``price:quantity`` each, joined by ``:``; the strings exactly as
  sent. An empty book's is 0."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from domain.trading.grid_text import price_text, quantity_text
from domain.trading.instrument import Instrument
from domain.trading.matching.book import OrderBook
from domain.trading.terms import Side

DEPTH_LEVELS: Final = 25
CHECKSUM_LEVELS: Final = 10
GONE: Final = "0"  # the quantity of a level that left the top

Level = tuple[str, str]  # (price, quantity)
Grid = tuple[tuple[int, int], ...]  # (ticks, lots) best first: a side as the book holds it


@dataclass(frozen=True, slots=True)
class BookTop:
    """A book's top in ticks and lots: cheap to take (no decimals), priced later."""

    bids: Grid
    asks: Grid

    @classmethod
    def of(cls, book: OrderBook, levels: int = DEPTH_LEVELS) -> BookTop:
        return cls(
            tuple((p, q) for p, q, _ in book.depth(Side.BUY, levels)),
            tuple((p, q) for p, q, _ in book.depth(Side.SELL, levels)),
        )


@dataclass(frozen=True, slots=True)
class Depth:
    bids: tuple[Level, ...] = ()
    asks: tuple[Level, ...] = ()

    @classmethod
    def priced(cls, top: BookTop, instrument: Instrument) -> Depth:
        def side(grid: Grid) -> tuple[Level, ...]:
            return tuple(
                (
                    price_text(instrument, instrument.price_of(ticks)),
                    quantity_text(instrument, instrument.quantity_of(lots)),
                )
                for ticks, lots in grid
            )

        return cls(side(top.bids), side(top.asks))

    @classmethod
    def of(cls, book: OrderBook, instrument: Instrument, levels: int = DEPTH_LEVELS) -> Depth:
        return cls.priced(BookTop.of(book, levels), instrument)

    @property
    def empty(self) -> bool:
        return not self.bids and not self.asks


def _best_first(levels: dict[str, str], side: Side) -> tuple[Level, ...]:
    return tuple(
        sorted(levels.items(), key=lambda level: Decimal(level[0]), reverse=side is Side.BUY)
    )


def _side_changes(old: tuple[Level, ...], new: tuple[Level, ...], side: Side) -> tuple[Level, ...]:
    before = dict(old)
    after = dict(new)
    changed = {price: qty for price, qty in new if before.get(price) != qty}
    changed |= {price: GONE for price in before if price not in after}
    return _best_first(changed, side)


def changes(old: Depth, new: Depth) -> Depth:
    """What a client holding ``old`` needs to hold ``new`` (empty when nothing changed)."""
    return Depth(
        _side_changes(old.bids, new.bids, Side.BUY), _side_changes(old.asks, new.asks, Side.SELL)
    )


def _side_applied(
    held: tuple[Level, ...], changed: tuple[Level, ...], side: Side, levels: int
) -> tuple[Level, ...]:
    book = dict(held)
    for price, qty in changed:
        if Decimal(qty) == 0:
            book.pop(price, None)
        else:
            book[price] = qty
    return _best_first(book, side)[:levels]


def applied(held: Depth, changed: Depth, levels: int = DEPTH_LEVELS) -> Depth:
    """``held`` with ``changed`` applied, as a client keeps its copy."""
    return Depth(
        _side_applied(held.bids, changed.bids, Side.BUY, levels),
        _side_applied(held.asks, changed.asks, Side.SELL, levels),
    )


def checksum(depth: Depth) -> int:
    parts: list[str] = []
    for i in range(CHECKSUM_LEVELS):
        if i < len(depth.bids):
            parts.append(f"{depth.bids[i][0]}:{depth.bids[i][1]}")
        if i < len(depth.asks):
            parts.append(f"{depth.asks[i][0]}:{depth.asks[i][1]}")
    return zlib.crc32(":".join(parts).encode()) & 0xFFFFFFFF
