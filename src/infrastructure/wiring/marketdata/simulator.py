"""Market data wiring: the simulator part (see the package's docstring). The run takes
trading's ``OrderEntry`` and system's ``Heartbeats`` by type from their owners' wiring; the
simulator accounts it trades from are made by the composition root
(``infrastructure/demo/market_participants.py``)."""

from __future__ import annotations

from typing import Any

from adapters.persistence.marketdata.simulator_lock import SqlSimulatorLock
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.providers import once
from usecases.marketdata.simulation.config import SimulatorConfig
from usecases.marketdata.simulation.ports import SimulatorLock
from usecases.marketdata.simulation.run_market import RunMarketSimulationHandler


def simulator_config(settings: Settings) -> SimulatorConfig:
    halted = {s.strip().upper() for s in settings.market_simulator_halted.split(",")}
    return SimulatorConfig(
        interval_seconds=settings.market_simulator_interval_seconds,
        market_makers=settings.market_simulator_market_makers,
        noise_traders=settings.market_simulator_noise_traders,
        momentum_traders=settings.market_simulator_momentum_traders,
        halted=frozenset(halted - {""}),
        seed=settings.market_simulator_seed,
    )


def simulator_lock(container: Container) -> SimulatorLock:
    return SqlSimulatorLock(container.engine)


HANDLERS: tuple[type[Any], ...] = (RunMarketSimulationHandler,)
COLLABORATORS: tuple[Any, ...] = (
    once(SimulatorConfig, simulator_config),
    once(SimulatorLock, simulator_lock),
)
ROUTERS: tuple[Any, ...] = ()
