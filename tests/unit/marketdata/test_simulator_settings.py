"""Where the market simulator runs: off unless MARKET_SIMULATOR_ENABLED (which `meridian serve
--demo` sets in single-process mode), a background job of the worker when on, never in
production; its settings reach the run's configuration."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from infrastructure.background import background_jobs
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.wiring.marketdata.simulator import simulator_config
from tests.unit.test_settings import production


def test_off_by_default_in_both_modes() -> None:
    assert not Settings(_env_file=None, redis_url=None).runs_market_simulator
    assert not Settings(_env_file=None, redis_url="redis://cache:6379/0").runs_market_simulator


async def test_when_enabled_it_is_one_of_the_background_jobs() -> None:
    for enabled in (False, True):
        settings = Settings(_env_file=None, market_simulator_enabled=enabled, embedded_worker=False)
        container = build_container(settings, "postgresql://postgres@127.0.0.1:5432/unused")
        try:
            assert ("market-simulator" in background_jobs(container)) is enabled
        finally:
            await container.aclose()


def test_production_refuses_the_simulator() -> None:
    with pytest.raises(ValidationError, match="MARKET_SIMULATOR_ENABLED"):
        production(market_simulator_enabled=True)
    assert not production().runs_market_simulator


def test_its_settings_reach_the_run() -> None:
    config = simulator_config(
        Settings(
            _env_file=None,
            market_simulator_interval_seconds=0.5,
            market_simulator_market_makers=3,
            market_simulator_noise_traders=1,
            market_simulator_momentum_traders=0,
            market_simulator_halted=" tsla, btc-usd ,",
            market_simulator_seed=9,
        )
    )
    assert config.interval_seconds == 0.5
    assert config.halted == frozenset({"TSLA", "BTC-USD"})
    assert config.seed == 9
    assert [s.handle for s in config.seats(["TSLA"])] == [
        "market-maker-1.tsla",
        "market-maker-2.tsla",
        "market-maker-3.tsla",
        "noise-trader-1.tsla",
    ]
