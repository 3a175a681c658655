"""A market maker: one bid and one ask around the fair value.

The half spread is ``spread_bps / 2`` of the fair value (at least a tick). Both quotes are
skewed against the inventory (long: lower, so it sells more and buys less; short: higher), by
up to ``skew`` half spreads at the limit. A side that would take the inventory past
``inventory_limit`` (a notional in the quote currency, so it means the same for a 60,000 and a
0.35 instrument) is not quoted, and its resting quote is withdrawn. A quote further from where
it should be than ``requote_share`` of the half spread (and at least ``requote_ticks`` ticks),
or older than ``max_age`` steps, is stale: it is withdrawn and replaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.marketdata.simulation.intents import (
    Intent,
    LiveQuote,
    MarketView,
    Quote,
    Side,
    Withdraw,
)

TEN_THOUSAND = Decimal(10_000)


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketMaker:
    spread_bps: Decimal = Decimal(20)
    quote_notional: Decimal = Decimal(5_000)
    inventory_limit: Decimal = Decimal(50_000)
    skew: Decimal = Decimal(1)
    requote_ticks: int = 2
    requote_share: Decimal = Decimal(1)  # of the half spread a quote may drift
    max_age: int = 30

    def limit_quantity(self, view: MarketView) -> Decimal:
        return self.inventory_limit / view.fair

    def half_spread(self, view: MarketView) -> Decimal:
        return max(view.fair * self.spread_bps / 2 / TEN_THOUSAND, view.grid.tick_size)

    def targets(self, view: MarketView, inventory: Decimal) -> dict[Side, Quote]:
        """The quotes it wants now: a side is missing at the inventory limit."""
        grid = view.grid
        size = grid.quantity(self.quote_notional, view.fair)
        limit = self.limit_quantity(view)
        half = self.half_spread(view)
        lean = max(min(inventory / limit, Decimal(1)), Decimal(-1)) if limit else Decimal(0)
        shift = -lean * self.skew * half
        bid = grid.price(view.fair - half + shift, "down")
        ask = grid.price(view.fair + half + shift, "up")
        if ask <= bid:
            ask = grid.ticks_away(bid, 1)
        wanted: dict[Side, Quote] = {}
        if inventory + size <= limit and bid < ask:
            wanted[Side.BUY] = Quote(side=Side.BUY, price=bid, quantity=size)
        if inventory - size >= -limit and ask > bid:
            wanted[Side.SELL] = Quote(side=Side.SELL, price=ask, quantity=size)
        return wanted

    def decide(
        self, view: MarketView, inventory: Decimal, quotes: Sequence[LiveQuote], step: int
    ) -> list[Intent]:
        """Withdraw what is stale or unwanted, then quote what is missing."""
        wanted = self.targets(view, inventory)
        tolerance = max(
            view.grid.tick_size * self.requote_ticks, self.half_spread(view) * self.requote_share
        )
        withdraw: list[Intent] = []
        kept: set[Side] = set()
        for quote in quotes:
            target = wanted.get(quote.side)
            fresh = step - quote.placed_at <= self.max_age
            if (
                target is not None
                and quote.side not in kept
                and fresh
                and abs(quote.price - target.price) <= tolerance
            ):
                kept.add(quote.side)
            else:
                withdraw.append(Withdraw(ref=quote.ref))
        place: list[Intent] = [q for side, q in wanted.items() if side not in kept]
        return withdraw + place
