"""Market data wiring: the rest part (see the package's docstring): prices, candles,
statistics, the book and the status over HTTP, and the candle projector's use cases. The
trade log and the listings are trading's public ports, provided by trading's wiring and taken
by type; the heartbeats are the system's."""

from __future__ import annotations

from typing import Any

from adapters.http.marketdata.router import router
from adapters.persistence.marketdata.unit_of_work import MarketDataUnitOfWork
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.module import Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.marketdata import ports
from usecases.marketdata.config import MarketDataConfig
from usecases.marketdata.get_book import GetBookHandler
from usecases.marketdata.get_candles import GetCandlesHandler
from usecases.marketdata.get_market_status import GetMarketStatusHandler
from usecases.marketdata.get_prices import GetPricesHandler
from usecases.marketdata.get_statistics import GetStatisticsHandler
from usecases.marketdata.list_symbols import ListSymbolsHandler
from usecases.marketdata.projector.project_candles import ProjectCandlesHandler
from usecases.marketdata.projector.publish_market_data import PublishMarketDataHandler


def unit_of_work(container: Container) -> MarketDataUnitOfWork:
    return MarketDataUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        clock=container.clock,
    )


def marketdata_config(settings: Settings) -> MarketDataConfig:
    return MarketDataConfig(
        projector_batch=settings.market_data_projector_batch,
        projector_poll_seconds=settings.market_data_projector_poll_seconds,
        max_candle_points=settings.market_data_max_candle_points,
        max_price_symbols=settings.market_data_max_price_symbols,
        max_book_depth=settings.market_data_max_book_depth,
    )


HANDLERS: tuple[type[Any], ...] = (
    ListSymbolsHandler,
    GetPricesHandler,
    GetCandlesHandler,
    GetStatisticsHandler,
    GetBookHandler,
    GetMarketStatusHandler,
    ProjectCandlesHandler,  # the worker's projector
    PublishMarketDataHandler,  # the worker's projector
)
COLLABORATORS: tuple[Any, ...] = (
    per_use(ports.MarketDataUnitOfWork, unit_of_work),
    once(MarketDataConfig, marketdata_config),
)
ROUTERS: tuple[Any, ...] = (Mounted(router),)
