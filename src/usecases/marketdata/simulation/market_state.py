"""What the run keeps per instrument between ticks: its fair-value process, the prices the
momentum traders look back on, each market maker's resting quotes, and the counts."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from domain.marketdata.simulation.fair_value import FairValueProcess
from domain.marketdata.simulation.intents import LiveQuote
from domain.marketdata.simulation.volatility import parameters_for
from domain.shared.ids import UserId
from usecases.trading.public.order_entry import ListedInstrument


@dataclass(slots=True)
class InstrumentState:
    symbol: str
    process: FairValueProcess
    agents_rng: random.Random
    prices: deque[Decimal]
    quotes: dict[UserId, list[LiveQuote]] = field(default_factory=dict)
    orders: int = 0
    trades: int = 0
    fair: Decimal | None = None
    last: Decimal | None = None

    @classmethod
    def start(cls, instrument: ListedInstrument, seed: int, lookback: int) -> InstrumentState:
        """The process starts from the instrument's last (or reference) price; its random
        streams depend on the seed and the symbol only, so runs with one seed repeat."""
        process = FairValueProcess(
            instrument.mark,
            parameters_for(instrument.asset_class),
            random.Random(f"{seed}:{instrument.symbol}:fair-value"),  # noqa: S311 (a simulation)
        )
        return cls(
            symbol=instrument.symbol,
            process=process,
            agents_rng=random.Random(f"{seed}:{instrument.symbol}:agents"),  # noqa: S311
            prices=deque(maxlen=lookback + 1),
            last=instrument.mark,
        )
