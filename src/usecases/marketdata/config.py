"""Market data's settings, as its use cases see them (docs/market-data.md#settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketDataConfig:
    projector_batch: int = 1000  # trades a projector round reads at most
    projector_poll_seconds: float = 1.0  # a round at least this often, woken or not
    max_candle_points: int = 10_000  # candles a range may span
    max_price_symbols: int = 50  # symbols one prices request may ask for
    max_book_depth: int = 100  # price levels a side the book answers at most
