"""``meridian trading seed``: list the catalog's instruments that are not listed yet (the same
use case the demo data runs; idempotent)."""

from __future__ import annotations

import asyncio

import typer

from domain.shared.actor import Actor
from infrastructure.cli.context import load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring import build_registry
from usecases.trading.instruments.seed_instruments import SeedInstruments, SeedInstrumentsHandler

trading_app = typer.Typer(help="The exchange.", no_args_is_help=True)


async def _seed(settings: Settings, url: str) -> int:
    async with running_container(settings, url) as container:
        handler = build_registry(container).resolve(SeedInstrumentsHandler)
        return await handler.execute(SeedInstruments(actor=Actor.system("trading-seed")))


@trading_app.command("seed")
def trading_seed() -> None:
    """List every catalog instrument not listed yet."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    added = asyncio.run(_seed(settings, resolved_database(settings)))
    typer.echo(f"{added} instruments listed")
