"""The async engine and session factory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from infrastructure.config.settings import Settings
from infrastructure.database.url import async_url


def create_engine(settings: Settings, url: str) -> AsyncEngine:
    engine = create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No ping per checkout: a lost connection fails its statement and the pool is then
        # invalidated as a whole (connection_loss.py), see Settings.db_pool_pre_ping.
        pool_pre_ping=settings.db_pool_pre_ping,
        echo=settings.db_echo,
        hide_parameters=True,  # bound values are user input: never in logs or error messages
        connect_args={"server_settings": {"application_name": "meridian", "timezone": "UTC"}},
    )
    event.listen(engine.sync_engine.pool, "checkout", _refuse_known_closed)
    return engine


def _refuse_known_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled connection the driver already saw close (the server ended it, and the event
    loop read the end of its socket while it sat in the pool) is replaced at checkout instead
    of failing the statement that meets it. It costs no round trip (asyncpg's own flag), so
    it is no ping: a connection that died unnoticed still fails its statement, and the pool is
    then invalidated as before. The pool retries the checkout on ``DisconnectionError``."""
    driver = getattr(dbapi_connection, "driver_connection", None)
    is_closed = getattr(driver, "is_closed", None)
    if is_closed is not None and is_closed():
        raise DisconnectionError("the driver saw this pooled connection close")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
