"""The simulated market, as ``meridian simulate`` and the background job run it: the simulator
accounts made and funded (``market_participants``), then the run use case until its duration
is over or it is stopped. The job keeps trying while another process holds the simulator lock,
so when that process stops, this one takes over."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Final

from domain.shared.pagination import MAX_LIMIT, PageRequest
from infrastructure.container import Container
from infrastructure.demo.market_participants import SYSTEM, market_participants
from infrastructure.wiring import build_registry
from infrastructure.wiring.marketdata.simulator import simulator_config
from usecases.marketdata.simulation.participants import Participants
from usecases.marketdata.simulation.run_market import (
    RunMarketSimulation,
    RunMarketSimulationHandler,
    SimulationSummary,
)
from usecases.trading.instruments.list_instruments import (
    ListInstruments,
    ListInstrumentsHandler,
)
from usecases.trading.orders.order_entry import listed
from usecases.trading.public.order_entry import ListedInstrument

log = logging.getLogger("meridian.worker")

RETRY_SECONDS: Final = 5.0  # how often a waiting job asks for the simulator lock again


async def _instruments(container: Container) -> list[ListedInstrument]:
    handler = build_registry(container).resolve(ListInstrumentsHandler)
    found: list[ListedInstrument] = []
    cursor = None
    while True:
        page = await handler.execute(
            ListInstruments(actor=SYSTEM, page=PageRequest(MAX_LIMIT, cursor))
        )
        found += [listed(i, container.clock) for i in page.items]
        cursor = page.next_cursor
        if cursor is None:
            return found


async def prepare(container: Container, symbols: frozenset[str] | None = None) -> Participants:
    """The simulator accounts, made, verified and funded for the instruments it will trade."""
    registry = build_registry(container)
    instruments = [
        i for i in await _instruments(container) if symbols is None or i.symbol in symbols
    ]
    seats = simulator_config(container.settings).seats(i.symbol for i in instruments)
    return await market_participants(container, registry, seats, instruments)


async def simulate(
    container: Container,
    participants: Participants,
    *,
    duration_seconds: float | None = None,
    ticks: int | None = None,
    interval_seconds: float | None = None,
    seed: int | None = None,
    symbols: frozenset[str] | None = None,
    stop: asyncio.Event | None = None,
) -> SimulationSummary:
    handler = build_registry(container).resolve(RunMarketSimulationHandler)
    return await handler.execute(
        RunMarketSimulation(
            participants=participants,
            duration_seconds=duration_seconds,
            ticks=ticks,
            interval_seconds=interval_seconds,
            seed=seed,
            symbols=symbols,
            stop=stop,
        )
    )


class MarketSimulatorJob:
    """The background job: prepare the accounts, run until stopped; while another process
    runs the simulator, ask again every ``RETRY_SECONDS``."""

    def __init__(self, container: Container) -> None:
        self._container = container

    async def run(self, stop: asyncio.Event) -> None:
        participants: Participants | None = None
        while not stop.is_set():
            try:
                if participants is None:
                    participants = await prepare(self._container)
                summary = await simulate(self._container, participants, stop=stop)
                if summary.ran:
                    log.info(
                        "market simulator stopped",
                        extra={"orders": summary.orders_placed, "refused": summary.refused_total},
                    )
            except Exception:
                log.exception("market simulator failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=RETRY_SECONDS)
