"""Alembic environment (async): one linear history, naming convention from the models."""

from __future__ import annotations

import asyncio
import logging.config

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.persistence.base import UtcDateTime
from adapters.persistence.models import metadata
from infrastructure.config.settings import Settings
from infrastructure.database.resolve import resolve_database_url
from infrastructure.database.url import async_url

config = context.config
if config.config_file_name and not config.attributes.get("database_url"):
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)


def _render_item(kind: str, obj: object, autogen_context: AutogenContext) -> str | bool:
    """Migrations must not import application code: render our column types as plain SQL
    types."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=metadata,
        compare_type=True,
        compare_server_default=True,
        render_item=_render_item,
        render_as_batch=False,
        transaction_per_migration=True,
    )


async def _database_url() -> str:
    explicit = config.attributes.get("database_url")
    if explicit:
        return str(explicit)
    return await resolve_database_url(Settings())


def _run_sync(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(async_url(await _database_url()))
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    _configure(url=asyncio.run(_database_url()))
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
