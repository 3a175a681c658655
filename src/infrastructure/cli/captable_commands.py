"""``meridian captable rebuild ISSUER``: replay an issuer's events and prove the projection the
writes kept (securities, holdings, class totals) equals the replay; exit 1 with the diff.
``meridian captable import FILE`` and ``export ISSUER FILE``: OCF 1.2 packages in and out,
through the same use cases as the API, with a progress bar."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from domain.captable.errors import IssuerNotFound
from domain.shared.actor import Actor
from domain.shared.errors import DomainError
from infrastructure.cli.context import console, load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring import build_registry
from usecases.captable.events.rebuild_cap_table import RebuildCapTable, RebuildCapTableHandler
from usecases.captable.ocf.export_ocf_package import (
    ExportOcfPackage,
    ExportOcfPackageHandler,
    OcfExported,
)
from usecases.captable.ocf.import_ocf_package import (
    ImportOcfPackage,
    ImportOcfPackageHandler,
    OcfImported,
)
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


class _FileUpload:
    def __init__(self, path: Path) -> None:
        self._stream = io.BytesIO(path.read_bytes())

    async def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


def _bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


async def _import(settings: Settings, url: str, path: Path) -> OcfImported:
    async with running_container(settings, url) as container:
        handler = build_registry(container).resolve(ImportOcfPackageHandler)
        with _bar() as bar:
            task = bar.add_task("Reading and validating", total=1)

            def tell(stage: str, done: int, total: int) -> None:
                description = "Writing events" if stage == "writing" else "Reading and validating"
                bar.update(task, description=description, completed=done, total=total)

            return await handler.execute(
                ImportOcfPackage(
                    actor=Actor.system("captable-import"),
                    file=_FileUpload(path),
                    filename=path.name,
                    progress=tell,
                )
            )


async def _export(settings: Settings, url: str, issuer_id: UUID) -> OcfExported:
    async with running_container(settings, url) as container:
        handler = build_registry(container).resolve(ExportOcfPackageHandler)
        with _bar() as bar:
            task = bar.add_task("Reading the cap table", total=1)

            def tell(stage: str, done: int, total: int) -> None:
                description = (
                    "Writing the package" if stage == "writing" else "Reading the cap table"
                )
                bar.update(task, description=description, completed=done, total=total)

            return await handler.execute(
                ExportOcfPackage(
                    actor=Actor.system("captable-export"), issuer_id=issuer_id, progress=tell
                )
            )


def _refused(error: DomainError) -> typer.Exit:
    typer.echo(f"refused ({error.error_code}): {error.detail}", err=True)
    return typer.Exit(code=1)


@captable_app.command("import")
def captable_import(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="An .ocf.zip or OCF JSON file.")
    ],
) -> None:
    """Import an OCF package as a new issuer, all or nothing, and list what was not imported."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    url = resolved_database(settings)
    try:
        done = asyncio.run(_import(settings, url, file))
    except DomainError as error:
        raise _refused(error) from None
    typer.echo(f"issuer {done.issuer.id} ({done.issuer.legal_name}): {done.events} events")
    for kind, count in done.report.imported.items():
        typer.echo(f"  imported {kind}: {count}")
    for kind, count in done.report.not_imported.items():
        typer.echo(f"  not imported {kind}: {count}")
    for kind, names in done.report.fields_not_kept.items():
        typer.echo(f"  fields not kept {kind}: {', '.join(names)}")


@captable_app.command("export")
def captable_export(
    issuer: Annotated[UUID, typer.Argument(help="The issuer's id.")],
    file: Annotated[Path, typer.Argument(dir_okay=False, help="Where to write the .ocf.zip.")],
) -> None:
    """Export an issuer's cap table as an OCF 1.2 package (.ocf.zip)."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    url = resolved_database(settings)
    try:
        exported = asyncio.run(_export(settings, url, issuer))
    except DomainError as error:
        raise _refused(error) from None
    file.write_bytes(exported.data)
    typer.echo(f"wrote {file} ({exported.objects} objects, {len(exported.data)} bytes)")
