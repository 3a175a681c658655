"""A publisher's and a client's copy of a level2 book in the tests: levels as strings exactly
as sent, the checksum recomputed the way docs/market-data.md describes."""

from __future__ import annotations

import zlib
from decimal import Decimal
from typing import Any

Levels = list[list[str]]


def checksum(bids: Levels, asks: Levels) -> int:
    parts: list[str] = []
    for i in range(10):
        if i < len(bids):
            parts.append(f"{bids[i][0]}:{bids[i][1]}")
        if i < len(asks):
            parts.append(f"{asks[i][0]}:{asks[i][1]}")
    return zlib.crc32(":".join(parts).encode()) & 0xFFFFFFFF


def apply(levels: Levels, changes: Levels, *, bids: bool) -> Levels:
    """``levels`` with ``changes`` applied (quantity "0" removes), best first, top 25."""
    book = dict(levels)
    for price, qty in changes:
        if qty == "0":
            book.pop(price, None)
        else:
            book[price] = qty
    ordered = sorted(book.items(), key=lambda level: Decimal(level[0]), reverse=bids)
    return [[p, q] for p, q in ordered[:25]]


def state(symbol: str, bids: Levels, asks: Levels) -> dict[str, Any]:
    return {
        "symbol": symbol,
        "bids": bids,
        "asks": asks,
        "checksum": checksum(bids, asks),
        "time": "2026-12-01T12:00:00Z",
    }
