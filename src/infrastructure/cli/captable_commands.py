"""``meridian captable rebuild ISSUER``: replay an issuer's events and prove the projection the
writes kept (securities, holdings, class totals) equals the replay; exit 1 with the diff."""

from __future__ import annotations

import asyncio
from typing import Annotated
from uuid import UUID

import typer

from domain.captable.errors import IssuerNotFound
from domain.shared.actor import Actor
from infrastructure.cli.context import load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring import build_registry
from usecases.captable.rebuild_cap_table import RebuildCapTable, RebuildCapTableHandler
from usecases.captable.views import Rebuilt

captable_app = typer.Typer(help="The cap table.", no_args_is_help=True)


async def _rebuild(settings: Settings, url: str, issuer_id: UUID) -> Rebuilt:
    async with running_container(settings, url) as container:
        handler = build_registry(container).resolve(RebuildCapTableHandler)
        return await handler.execute(
            RebuildCapTable(actor=Actor.system("captable-rebuild"), issuer_id=issuer_id)
        )


@captable_app.command("rebuild")
def captable_rebuild(
    issuer: Annotated[UUID, typer.Argument(help="The issuer's id.")],
) -> None:
    """Replay ISSUER's events; exit 1 listing every difference from the projection."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    try:
        report = asyncio.run(_rebuild(settings, resolved_database(settings), issuer))
    except IssuerNotFound:
        typer.echo(f"no issuer {issuer}", err=True)
        raise typer.Exit(code=2) from None
    counted = f"{report.events} events, {report.securities} securities"
    if not report.equal:
        for line in report.differences:
            typer.echo(f"- {line}", err=True)
        typer.echo(f"projection differs from the replay ({counted})", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"projection equals the replay: {counted}")
