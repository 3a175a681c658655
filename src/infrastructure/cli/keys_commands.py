"""``meridian keys rotate|status``: field-encryption keys (FIELD_ENCRYPTION_KEYS)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from infrastructure.cli.context import load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.keys.rotation import RotationReport, key_status, rotate
from infrastructure.logging_setup import configure_logging

app = typer.Typer(help="Field encryption keys (FIELD_ENCRYPTION_KEYS).", no_args_is_help=True)


async def _rotate(settings: Settings, url: str, batch_size: int) -> RotationReport:
    async with running_container(settings, url) as container:
        return await rotate(container, batch_size=batch_size)


async def _key_status(settings: Settings, url: str) -> dict[str, dict[str, int]]:
    async with running_container(settings, url) as container:
        return await key_status(container)


@app.command("rotate")
def keys_rotate(
    batch_size: Annotated[int, typer.Option(min=1, max=10_000, help="Rows per commit.")] = 500,
) -> None:
    """Re-seal every sealed value and stored file under the first (newest) key; resumable."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    report = asyncio.run(_rotate(settings, resolved_database(settings), batch_size))
    for name, count in report.resealed.items():
        skipped = report.skipped.get(name, 0)
        note = f" ({skipped} changed meanwhile: run again)" if skipped else ""
        typer.echo(f"{name}: {count} resealed under {report.key_version}{note}")


@app.command("status")
def keys_status() -> None:
    """How many values each key version seals, per table; old keys at 0 can be retired."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    found = asyncio.run(_key_status(settings, resolved_database(settings)))
    for name, versions in found.items():
        counts = ", ".join(f"{v}: {n}" for v, n in sorted(versions.items())) or "none"
        typer.echo(f"{name}: {counts}")
