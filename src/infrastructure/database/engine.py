"""The async engine and session factory."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from infrastructure.config.settings import Settings
from infrastructure.database.url import async_url


def create_engine(settings: Settings, url: str) -> AsyncEngine:
    return create_async_engine(
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


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
