"""Trading context wiring: instruments, orders through the in-process matcher, fills and
positions.

The unit of work carries the ledger on its own session (``infrastructure.ledger.public``), so
a matcher batch's orders, trades, positions and postings commit together. KYC's gate (the
``trade`` capability) is provided by kyc's wiring and taken by type. The matcher is ONE per
container, however many registries are built on it (the API's and the worker's jobs share
it): it owns partitions' books through PostgreSQL advisory locks held until the container
closes, and with Redis it forwards requests for partitions other processes own to them
(``infrastructure/trading/routing.py``); with ``TRADING_MATCHERS=dedicated`` it takes no
partition and forwards everything to the ``meridian matcher`` processes
(``infrastructure/cli/matcher_command.py``). What its batches commit goes to the container's live
feed through the matcher's feed publisher (docs/market-data.md, "What trading publishes")."""

from __future__ import annotations

from datetime import timedelta

from adapters.http.trading.instruments_router import router as instruments_router
from adapters.http.trading.orders_router import router as orders_router
from adapters.persistence.trading.holdings import SqlBrokerageHoldings
from adapters.persistence.trading.partition_locks import SqlPartitionLocks
from adapters.persistence.trading.trade_log import SqlTradeLog
from adapters.persistence.trading.unit_of_work import CONSTRAINT_FIELDS, TradingUnitOfWork
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.ledger.public import ledger_factory
from infrastructure.trading.routing import RedisMatcherRoute
from infrastructure.wiring.kernel import idempotency_ttl
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.trading import ports
from usecases.trading.config import TradingConfig
from usecases.trading.instruments.add_instrument import AddInstrumentHandler
from usecases.trading.instruments.halt_instrument import (
    HaltInstrumentHandler,
    ResumeInstrumentHandler,
)
from usecases.trading.instruments.list_instruments import (
    GetInstrumentHandler,
    ListInstrumentsHandler,
)
from usecases.trading.instruments.listings import TradingListings
from usecases.trading.instruments.seed_instruments import SeedInstrumentsHandler
from usecases.trading.matcher.feed_publisher import FeedPublisher
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.orders.amend_order import AmendOrderHandler
from usecases.trading.orders.cancel_order import CancelOrderHandler
from usecases.trading.orders.expire_orders import ExpireOrdersHandler
from usecases.trading.orders.get_book_depth import GetBookDepthHandler
from usecases.trading.orders.list_my_fills import ListMyFillsHandler
from usecases.trading.orders.list_my_orders import GetMyOrderHandler, ListMyOrdersHandler
from usecases.trading.orders.list_my_positions import ListMyPositionsHandler
from usecases.trading.orders.order_entry import TradingOrderEntry
from usecases.trading.orders.place_order import PlaceOrderHandler
from usecases.trading.public.holdings import BrokerageHoldings
from usecases.trading.public.listings import Listings
from usecases.trading.public.order_entry import OrderEntry
from usecases.trading.public.trade_log import TradeLog

_MATCHERS: dict[int, Matcher] = {}


def unit_of_work(container: Container) -> TradingUnitOfWork:
    return TradingUnitOfWork(
        container.session_factory,
        ledger_factory=ledger_factory(container),
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
    )


def trade_log(container: Container) -> SqlTradeLog:
    return SqlTradeLog(container.session_factory)


def brokerage_holdings(container: Container) -> BrokerageHoldings:
    """Trading's public port for the portfolio's dashboard (taken there by type)."""
    return SqlBrokerageHoldings(container.session_factory)


def trading_config(settings: Settings) -> TradingConfig:
    return TradingConfig(
        fee_bps=settings.trading_fee_bps,
        batch_window=timedelta(milliseconds=settings.trading_batch_window_ms),
        max_batch=settings.trading_max_batch,
        partitions=settings.trading_partitions,
        idempotency_ttl=idempotency_ttl(settings),
    )


def matcher_of(container: Container) -> Matcher:
    """The container's one matcher, closed (its partition locks released) with it."""
    key = id(container)
    found = _MATCHERS.get(key)
    if found is None:
        settings = container.settings
        route = None
        if container.redis is not None:  # several processes: requests reach their owner
            route = RedisMatcherRoute(
                container.redis,
                settings.redis_namespace,
                timeout_seconds=settings.trading_forward_timeout_seconds,
            )
        found = Matcher(
            lambda: unit_of_work(container),
            SqlPartitionLocks(container.engine),
            container.clock,
            trading_config(settings),
            route,
            FeedPublisher(container.feed),
            # dedicated `meridian matcher` processes match; this one only forwards
            takes=settings.trading_matchers == "in_process",
        )
        _MATCHERS[key] = found

        async def close() -> None:
            _MATCHERS.pop(key, None)
            await found.aclose()

        container.on_close(close)
    return found


MODULE = ContextModule(
    name="trading",
    handlers=(
        ListInstrumentsHandler,
        GetInstrumentHandler,
        AddInstrumentHandler,
        HaltInstrumentHandler,
        ResumeInstrumentHandler,
        SeedInstrumentsHandler,  # meridian trading seed, the demo data
        PlaceOrderHandler,
        CancelOrderHandler,
        AmendOrderHandler,
        ListMyOrdersHandler,
        GetMyOrderHandler,
        ListMyFillsHandler,
        ListMyPositionsHandler,
        GetBookDepthHandler,
        ExpireOrdersHandler,  # the worker's
    ),
    collaborators=(
        per_use(ports.TradingUnitOfWork, unit_of_work),
        once(TradingConfig, trading_config),
        once(Matcher, matcher_of),
        once(TradeLog, trade_log),  # public: market data's projector reads it
        once(Listings, TradingListings),  # public: market data's symbols, prices and book
        once(OrderEntry, TradingOrderEntry),  # programs' orders (the market simulator)
        once(BrokerageHoldings, brokerage_holdings),
    ),
    routers=(Mounted(instruments_router), Mounted(orders_router)),
)
