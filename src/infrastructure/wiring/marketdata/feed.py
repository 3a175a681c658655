"""Market data wiring: the feed part (see the package's docstring): the WebSocket gateway's
hub, ONE per container (its one feed subscription and its clients), stopped with it."""

from __future__ import annotations

from typing import Any

from adapters.http.marketdata.feed_config import FeedConfig
from adapters.http.marketdata.feed_hub import FeedHub
from adapters.http.marketdata.feed_router import docs_router, feed_router
from adapters.http.marketdata.feed_slots import ConnectionSlots
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.module import Mounted
from infrastructure.wiring.providers import once
from usecases.identity.public.authenticator import Authenticator
from usecases.trading.public.listings import Listings

_HUBS: dict[int, FeedHub] = {}


def feed_config(settings: Settings) -> FeedConfig:
    return FeedConfig(
        public=settings.public_market_data,
        auth_timeout_seconds=settings.market_data_auth_timeout_seconds,
        heartbeat_seconds=settings.market_data_heartbeat_seconds,
        max_subscriptions=settings.market_data_max_subscriptions,
        max_connections_per_user=settings.market_data_max_connections_per_user,
        messages_per_second=settings.market_data_client_messages_per_second,
        send_queue=settings.market_data_send_queue,
        symbols_refresh_seconds=settings.market_data_symbols_refresh_seconds,
    )


def feed_hub(
    container: Container, symbols: Listings, authenticator: Authenticator, config: FeedConfig
) -> FeedHub:
    """The container's one hub; its tasks start with its first client and stop with the
    container (the app's lifespan)."""
    key = id(container)
    found = _HUBS.get(key)
    if found is None:
        ttl = int(max(30.0, 3 * config.heartbeat_seconds))
        slots = ConnectionSlots(container.cache, config.max_connections_per_user, ttl)
        found = FeedHub(container.feed, symbols, authenticator, slots, config)
        _HUBS[key] = found

        async def close() -> None:
            _HUBS.pop(key, None)
            await found.aclose()

        container.on_close(close)
    return found


HANDLERS: tuple[type[Any], ...] = (FeedHub,)
COLLABORATORS: tuple[Any, ...] = (once(FeedConfig, feed_config), once(FeedHub, feed_hub))
ROUTERS: tuple[Any, ...] = (Mounted(feed_router, prefix=""), Mounted(docs_router, prefix=""))
