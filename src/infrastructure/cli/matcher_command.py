"""``meridian matcher``: a dedicated matching process. It owns order-book partitions (the
PostgreSQL advisory lock of each, docs/trading.md "The matcher"), serves the requests the API
processes forward to them through Redis, and group-commits them; with
``TRADING_MATCHERS=dedicated`` the API and worker processes never match themselves.

``--partitions 0-3`` (or ``0,1``, ``any``: every partition) names what it owns: each is taken
at once if free, the others tried again every two seconds, so a second process started with
the same list is a standby that takes over a partition whose owner died. It runs until
SIGINT or SIGTERM, then releases its partitions (what it had taken and not answered is
answered by the next owner)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Annotated

import typer

from infrastructure.cli.context import console, load_settings, resolved_database
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring.trading import matcher_of

log = logging.getLogger("meridian.trading.matcher")


def parse_partitions(spec: str, partitions: int) -> list[int]:
    """``any``, or a comma-separated list of numbers and ranges (``0-3,6``) below
    ``partitions``; anything else is a ``ValueError`` naming it."""
    spec = spec.strip().lower()
    if spec in ("any", "all", "*"):
        return list(range(partitions))
    wanted: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        low, dash, high = part.partition("-")
        try:
            first, last = (int(low), int(high)) if dash else (int(part), int(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a partition number or range") from None
        if first > last or first < 0 or last >= partitions:
            raise ValueError(
                f"{part!r} is not within the partitions 0-{partitions - 1} (TRADING_PARTITIONS)"
            )
        wanted.update(range(first, last + 1))
    if not wanted:
        raise ValueError("name at least one partition, or any")
    return sorted(wanted)


async def _match(settings: Settings, url: str, partitions: list[int]) -> None:
    container = build_container(settings, url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        matcher = matcher_of(container)
        matcher.hold(partitions)
        shown: list[int] = []
        while not stop.is_set():
            if matcher.owned != shown:
                shown = matcher.owned
                log.warning("matcher owns partitions %s of %s", shown, partitions)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        await container.aclose()


def matcher_command(
    partitions: Annotated[
        str,
        typer.Option(help="The partitions to own: 0-3, 0,1, or any (default)."),
    ] = "any",
) -> None:
    """Run a dedicated matcher: own order-book partitions, match and group-commit the orders
    the API processes forward to them through Redis (a standby takes over a dead owner's)."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    if settings.single_process:
        typer.echo(
            "a dedicated matcher serves other processes through Redis: set REDIS_URL (in "
            "single-process mode `meridian serve` matches in-process)",
            err=True,
        )
        raise typer.Exit(code=2)
    try:
        wanted = parse_partitions(partitions, settings.trading_partitions)
    except ValueError as bad:
        typer.echo(f"--partitions: {bad}", err=True)
        raise typer.Exit(code=2) from None
    # this process is the matcher, whatever the API processes are told
    own = settings.model_copy(update={"trading_matchers": "in_process"})
    url = resolved_database(settings)
    console.print(f"Matcher: partitions {wanted} of {settings.trading_partitions}")
    asyncio.run(_match(own, url, wanted))
