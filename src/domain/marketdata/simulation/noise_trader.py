"""A noise trader: now and then a small order on a random side, at once: a market order, or
a limit a few ticks through the best opposite price (a marketable IOC). It trades only when
the opposite side has a price (a market order against an empty side is refused)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from domain.marketdata.simulation.intents import Intent, MarketView, Side, Take


@dataclass(frozen=True, slots=True, kw_only=True)
class NoiseTrader:
    probability: float = 0.3  # of an order a step
    notional: Decimal = Decimal(500)  # a typical order's worth
    market_share: float = 0.5  # of the orders that are market orders
    through_ticks: int = 3  # how far past the best price a marketable limit goes

    def decide(self, view: MarketView, rng: random.Random) -> list[Intent]:
        if rng.random() >= self.probability:
            return []
        side = Side.BUY if rng.random() < 0.5 else Side.SELL
        opposite = view.best_ask if side is Side.BUY else view.best_bid
        if opposite is None:
            return []
        worth = self.notional * Decimal(repr(round(rng.lognormvariate(0.0, 0.75), 6)))
        quantity = view.grid.quantity(worth, opposite)
        if rng.random() < self.market_share:
            return [Take(side=side, quantity=quantity)]
        ticks = rng.randint(0, self.through_ticks)
        limit = view.grid.ticks_away(opposite, ticks if side is Side.BUY else -ticks)
        return [Take(side=side, quantity=quantity, limit=limit)]
