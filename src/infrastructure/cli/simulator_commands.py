"""``meridian simulate``: run the simulated market for a while through the real order books
and print what happened (orders placed and refused, trades, each symbol's last price)."""

from __future__ import annotations

import asyncio
import signal
from typing import Annotated

import typer

from infrastructure.cli.context import load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.database import migrations
from infrastructure.demo.market_simulator import prepare, simulate
from infrastructure.logging_setup import configure_logging
from usecases.marketdata.simulation.run_market import SimulationSummary


async def _simulate(
    settings: Settings,
    url: str,
    duration: float,
    interval: float,
    seed: int | None,
    symbols: frozenset[str] | None,
) -> SimulationSummary:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)  # Ctrl-C ends the run, its quotes cancelled
    async with running_container(settings, url) as container:
        participants = await prepare(container, symbols)
        return await simulate(
            container,
            participants,
            duration_seconds=duration,
            interval_seconds=interval,
            seed=seed,
            symbols=symbols,
            stop=stop,
        )


def report(summary: SimulationSummary) -> str:
    if not summary.ran:
        return "another process is running the market simulator: nothing done"
    refused = ", ".join(f"{code} {n}" for code, n in sorted(summary.refused.items())) or "none"
    lines = [
        f"seed {summary.seed}, {summary.ticks} ticks",
        f"orders placed {summary.orders_placed}, refused {summary.refused_total} ({refused})",
        f"trades {summary.trades} (orders that traded on arrival), quotes cancelled "
        f"{summary.cancelled}, failed {summary.failed}",
        f"{'symbol':<10} {'last':>14} {'fair value':>14} {'orders':>7} {'trades':>7}",
    ]
    for s in summary.symbols:
        last = "-" if s.last_price is None else str(s.last_price)
        fair = "-" if s.fair_value is None else str(s.fair_value)
        lines.append(f"{s.symbol:<10} {last:>14} {fair:>14} {s.orders:>7} {s.trades:>7}")
    if not summary.symbols:
        lines.append("(no instrument traded: none listed, open and unhalted)")
    return "\n".join(lines)


def simulate_command(
    duration: Annotated[float, typer.Option(help="Seconds to run.", min=0.1)] = 60.0,
    interval: Annotated[float, typer.Option(help="Seconds between ticks.", min=0.05)] = 1.0,
    seed: Annotated[int | None, typer.Option(help="Random seed (default: a new one).")] = None,
    symbols: Annotated[
        str | None, typer.Option(help="Comma-separated symbols (default: every instrument).")
    ] = None,
) -> None:
    """Run the simulated market: market makers, noise and momentum traders place real orders
    from funded simulator accounts (made on first use; never in production)."""
    settings = load_settings()
    if settings.is_production:
        typer.echo("the market simulator never runs in production", err=True)
        raise typer.Exit(code=2)
    configure_logging("WARNING", json_lines=False)
    url = resolved_database(settings)
    migrations.upgrade(url)
    wanted = None
    if symbols:
        wanted = frozenset(s.strip().upper() for s in symbols.split(",") if s.strip())
    summary = asyncio.run(_simulate(settings, url, duration, interval, seed, wanted))
    typer.echo(report(summary))
    if not summary.ran:
        raise typer.Exit(code=1)
