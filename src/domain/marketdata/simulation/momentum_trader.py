"""A momentum trader: buys after the price rose over its ``lookback`` steps and sells after it
fell, when the move is larger than ``threshold`` (a fraction), with ``probability`` a step,
within its own ``inventory_limit`` (a notional; past it, only trades back towards flat); a
market order when the opposite side has a
price."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.marketdata.simulation.intents import Intent, MarketView, Side, Take


@dataclass(frozen=True, slots=True, kw_only=True)
class MomentumTrader:
    lookback: int = 10
    threshold: Decimal = Decimal("0.002")
    probability: float = 0.5
    notional: Decimal = Decimal(1_000)
    inventory_limit: Decimal = Decimal(20_000)

    def signal(self, prices: Sequence[Decimal]) -> Side | None:
        """The side the recent return points to, or None (too few prices, too small a move)."""
        if len(prices) <= self.lookback:
            return None
        start, end = prices[-self.lookback - 1], prices[-1]
        change = (end - start) / start
        if change > self.threshold:
            return Side.BUY
        if change < -self.threshold:
            return Side.SELL
        return None

    def decide(
        self,
        view: MarketView,
        prices: Sequence[Decimal],
        inventory: Decimal,
        rng: random.Random,
    ) -> list[Intent]:
        side = self.signal(prices)
        if side is None or rng.random() >= self.probability:
            return []
        opposite = view.best_ask if side is Side.BUY else view.best_bid
        if opposite is None:
            return []
        quantity = view.grid.quantity(self.notional, opposite)
        limit = self.inventory_limit / view.fair
        after = inventory + quantity if side is Side.BUY else inventory - quantity
        if abs(after) > limit and abs(after) >= abs(inventory):
            return []
        return [Take(side=side, quantity=quantity)]
