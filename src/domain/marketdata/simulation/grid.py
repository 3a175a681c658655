"""An instrument's grid as the simulator sees it: prices are multiples of the tick inside the
price band (the lowest and highest limit price trading accepts now), quantities multiples of
the lot, and an order is worth at least the minimum notional. Every price and quantity an
agent sends is made here, a ``Decimal`` on the grid."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Literal

Rounding = Literal["nearest", "down", "up"]
_MODES = {"nearest": ROUND_HALF_EVEN, "down": ROUND_FLOOR, "up": ROUND_CEILING}


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceGrid:
    tick_size: Decimal
    lot_size: Decimal
    low: Decimal  # the band's lowest limit price, on the tick
    high: Decimal  # the band's highest limit price, on the tick
    min_notional: Decimal = Decimal(0)

    def price(self, value: float | Decimal, rounding: Rounding = "nearest") -> Decimal:
        """``value`` on the tick grid (rounded as asked), inside the band."""
        exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
        ticks = (exact / self.tick_size).to_integral_value(_MODES[rounding])
        on_grid = ticks * self.tick_size
        return min(max(on_grid, self.low), self.high)

    def ticks_away(self, price: Decimal, ticks: int) -> Decimal:
        """``ticks`` ticks above (negative: below) ``price``, inside the band."""
        return min(max(price + self.tick_size * ticks, self.low), self.high)

    def quantity(self, notional: Decimal, price: Decimal) -> Decimal:
        """The lots ``notional`` buys at ``price`` (at least one lot, and at least the minimum
        notional's worth)."""
        lots = max(1, int(notional / price / self.lot_size))
        while lots * self.lot_size * price < self.min_notional:
            lots += 1
        return self.lot_size * lots
