"""``meridian ledger check`` and ``meridian idempotency purge``."""

from __future__ import annotations

import asyncio

import typer

from adapters.persistence.shared.idempotency_store import purge_expired
from domain.shared.actor import Actor
from infrastructure.cli.context import load_settings, resolved_database, running_container
from infrastructure.config.settings import Settings
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring.ledger import check_handler
from usecases.ledger.check_ledger import CheckLedger, LedgerReport

ledger_app = typer.Typer(help="The double-entry ledger.", no_args_is_help=True)
idempotency_app = typer.Typer(help="Idempotency keys of money-moving requests.")


async def _check_ledger(settings: Settings, url: str) -> LedgerReport:
    async with running_container(settings, url) as container:
        return await check_handler(container).execute(
            CheckLedger(actor=Actor.system("ledger-check"))
        )


@ledger_app.command("check")
def ledger_check() -> None:
    """Verify every ledger invariant; exit 1 with the first violation."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    report = asyncio.run(_check_ledger(settings, resolved_database(settings)))
    t = report.totals
    counted = f"{t.accounts} accounts, {t.entries} entries, {t.postings} postings, {t.holds} holds"
    if report.violation is not None:
        v = report.violation
        typer.echo(f"VIOLATION {v.rule}: {v.subject}: {v.detail} ({counted})", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"ledger consistent: {counted}")


async def _purge_keys(settings: Settings, url: str) -> int:
    async with running_container(settings, url) as container, container.session_factory() as s:
        purged = await purge_expired(s, container.clock.now())
        await s.commit()
        return purged


@idempotency_app.command("purge")
def idempotency_purge() -> None:
    """Delete idempotency keys past their expiry (IDEMPOTENCY_KEY_TTL_HOURS)."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    purged = asyncio.run(_purge_keys(settings, resolved_database(settings)))
    typer.echo(f"purged {purged} expired idempotency keys")
