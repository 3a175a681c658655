"""The simulator's settings: the tick, how many agents of each kind an instrument has, their
behaviour, and the symbols it holds halted (agents stop for them, as for an instrument
trading halted)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from domain.marketdata.simulation.market_maker import MarketMaker
from domain.marketdata.simulation.momentum_trader import MomentumTrader
from domain.marketdata.simulation.noise_trader import NoiseTrader
from usecases.marketdata.simulation.participants import Seat, roster

HEARTBEAT: Final = "market-simulator"


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulatorConfig:
    interval_seconds: float = 1.0
    market_makers: int = 2  # of each instrument
    noise_traders: int = 2
    momentum_traders: int = 1
    halted: frozenset[str] = frozenset()
    seed: int | None = None
    market_maker: MarketMaker = field(default_factory=MarketMaker)
    noise_trader: NoiseTrader = field(default_factory=NoiseTrader)
    momentum_trader: MomentumTrader = field(default_factory=MomentumTrader)

    def seats(self, symbols: Iterable[str]) -> list[Seat]:
        """The seats of every instrument in ``symbols``."""
        return roster(symbols, self.market_makers, self.noise_traders, self.momentum_traders)
