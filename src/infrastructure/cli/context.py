"""What every ``meridian`` command starts from: validated settings, the resolved database, and
a container that is closed again however the command ends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import typer
from pydantic import ValidationError
from rich.console import Console

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.database.resolve import resolve_database_url
from infrastructure.database.url import redacted

console = Console(stderr=True)


def load_settings() -> Settings:
    """The settings, or exit 2 naming each configuration problem."""
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            message = str(error["msg"]).removeprefix("Value error, ")
            typer.echo(f"configuration error: {message}", err=True)
        raise typer.Exit(code=2) from None


def resolved_database(settings: Settings, *, keep_running: bool = False) -> str:
    url = asyncio.run(resolve_database_url(settings, keep_running=keep_running))
    console.print(f"Database: {redacted(url)}")
    return url


@asynccontextmanager
async def running_container(settings: Settings, url: str) -> AsyncIterator[Container]:
    container = build_container(settings, url)
    try:
        yield container
    finally:
        await container.aclose()
