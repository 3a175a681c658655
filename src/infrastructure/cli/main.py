"""The ``meridian`` command: serve, worker, matcher, migrate, seed-demo, create-admin, simulate,
and the audit, keys, ledger and idempotency groups."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Annotated

import typer
import uvicorn
from rich.progress import Progress

from adapters.persistence.audit.repository import SqlAuditLog
from domain.shared.actor import Actor
from infrastructure.background import run_background_jobs
from infrastructure.cli.captable_commands import captable_app
from infrastructure.cli.context import console, load_settings, resolved_database
from infrastructure.cli.keys_commands import app as keys_app
from infrastructure.cli.ledger_commands import idempotency_app, ledger_app
from infrastructure.cli.matcher_command import matcher_command
from infrastructure.cli.simulator_commands import simulate_command
from infrastructure.cli.trading_commands import trading_app
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.database import migrations
from infrastructure.database.embedded import stop_embedded_postgres
from infrastructure.demo.catalog import SEEDERS
from infrastructure.demo.identity import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_ADMIN_EMAIL,
    DEMO_PASSWORD_ENV,
)
from infrastructure.demo.investor import DEMO_INVESTOR_EMAIL
from infrastructure.http_server.options import server_options
from infrastructure.logging_setup import configure_logging
from infrastructure.wiring import build_registry
from usecases.audit.verify_audit_chain import (
    ChainReport,
    VerifyAuditChain,
    VerifyAuditChainHandler,
)

app = typer.Typer(help="Meridian: run, migrate and seed the platform.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
app.add_typer(ledger_app, name="ledger")
app.add_typer(captable_app, name="captable")
app.add_typer(trading_app, name="trading")
app.add_typer(idempotency_app, name="idempotency", no_args_is_help=True)
app.command("simulate")(simulate_command)
app.command("matcher")(matcher_command)


async def _seed(settings: Settings, database_url: str) -> None:
    container = build_container(settings, database_url)
    seeders = SEEDERS
    try:
        with Progress(console=console) as progress:
            task = progress.add_task("Seeding demo data", total=len(seeders))
            for seeder in seeders:
                progress.update(task, description=f"Seeding {seeder.name}")
                created = await seeder.run(container)
                progress.console.print(f"  {seeder.name}: {created} records")
                progress.advance(task)
    finally:
        await container.aclose()


@app.command()
def migrate(
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Apply database migrations up to REVISION (default: head)."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=False)
    migrations.upgrade(resolved_database(settings), revision)
    console.print(f"[green]Migrated to {revision}.[/]")


audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


async def _verify(settings: Settings, database_url: str) -> ChainReport:
    container = build_container(settings, database_url)
    try:
        handler = VerifyAuditChainHandler(SqlAuditLog(container.session_factory, container.clock))
        return await handler.execute(VerifyAuditChain(actor=Actor.system("audit-verify")))
    finally:
        await container.aclose()


@audit_app.command("verify")
def audit_verify() -> None:
    """Seal what is committed, walk the hash chain; exit 1 with the first broken link."""
    settings = load_settings()
    configure_logging("WARNING", json_lines=False)
    report = asyncio.run(_verify(settings, resolved_database(settings)))
    if report.broken is not None:
        typer.echo(
            f"BROKEN at entry {report.broken.seq}: {report.broken.reason} "
            f"({report.entries} entries intact before it, {report.unsealed} unsealed)",
            err=True,
        )
        raise typer.Exit(code=1)
    typer.echo(f"audit chain intact: {report.entries} entries sealed, {report.unsealed} unsealed")


@app.command("seed-demo")
def seed_demo() -> None:
    """Load demo data (idempotent)."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=False)
    url = resolved_database(settings)
    migrations.upgrade(url)
    asyncio.run(_seed(settings, url))


async def _work(settings: Settings, database_url: str) -> None:
    container = build_container(settings, database_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await run_background_jobs(container, stop)
    finally:
        await container.aclose()


@app.command()
def worker() -> None:
    """Run the background jobs until stopped: deliver the outbox (email, SMS), submit bank rail
    instructions, purge expired idempotency keys hourly; run several side by side if needed."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    if settings.single_process:
        console.print(
            "[yellow]No REDIS_URL: the worker's heartbeat is only visible inside this process. "
            "In single-process mode `meridian serve` already runs the worker.[/]"
        )
    asyncio.run(_work(settings, resolved_database(settings)))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default WORKERS).")] = None,
    demo: Annotated[bool, typer.Option(help="Load demo data before serving.")] = False,
) -> None:
    """Migrate, optionally seed demo data, then serve the API."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    if settings.single_process and workers > 1:
        typer.echo(
            "Single-process mode (no REDIS_URL) keeps rate limits, the token denylist and "
            "pub/sub in memory: run one worker, or set REDIS_URL.",
            err=True,
        )
        raise typer.Exit(code=2)
    # serve stops its embedded server itself, once, whatever ends it (the wheel's own stop at
    # exit would run a second time and log a failure)
    url = resolved_database(settings, keep_running=True)
    try:
        migrations.upgrade(url)
        if demo:
            asyncio.run(_seed(settings, url))
            if settings.single_process and settings.market_simulator_enabled is None:
                os.environ["MARKET_SIMULATOR_ENABLED"] = "true"  # `make run`: a live market
        os.environ["DATABASE_URL"] = url  # the server processes reuse the resolved database
        _banner(f"http://{host}:{port}", demo=demo)
        _serve(settings, host, port, workers)
    finally:
        if not settings.database_url:  # ours: the embedded server stops with the API
            stop_embedded_postgres(settings.embedded_pg_dir)


def _banner(base: str, *, demo: bool) -> None:
    console.print(
        f"\n[bold]Meridian is starting[/]\n"
        f"  API       {base}/api/v1\n"
        f"  Docs      {base}/api/docs\n"
        f"  ReDoc     {base}/api/redoc\n"
        f"  OpenAPI   {base}/api/schema\n"
        f"  Status    {base}/api/v1/status\n"
    )
    if demo:
        password = (
            f"the value of ${DEMO_PASSWORD_ENV}"
            if os.environ.get(DEMO_PASSWORD_ENV)
            else DEFAULT_DEMO_PASSWORD
        )
        console.print(
            f"  Demo super admin  {DEMO_ADMIN_EMAIL}  (enrols two-factor on first login:"
            " POST /api/v1/auth/2fa/enroll)\n"
            f"  Demo investor     {DEMO_INVESTOR_EMAIL}  (KYC level 3, INR and USD cash)\n"
            f"  Password (both)   {password}\n"
        )


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _serve(settings: Settings, host: str, port: int, workers: int) -> None:
    # uvicorn re-raises the signal that stopped it once it has shut down; with SIGTERM's default
    # action the process would die there, before the embedded database is stopped
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    uvicorn.run(
        "infrastructure.asgi:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=None,
        # no trusted proxy (the default): X-Forwarded-* are ignored altogether
        proxy_headers=bool(settings.forwarded_allow_ips.strip()),
        forwarded_allow_ips=settings.forwarded_allow_ips.strip() or "",
        **server_options(settings),
    )


async def _create_admin(
    settings: Settings, database_url: str, email: str, mobile: str, password: str, name: str
) -> str:
    from domain.shared.actor import Actor
    from domain.shared.errors import DomainError
    from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler

    container = build_container(settings, database_url)
    try:
        handler = build_registry(container).resolve(CreateAdminHandler)
        try:
            view = await handler.execute(
                CreateAdmin(
                    actor=Actor.system("cli"),
                    email=email,
                    mobile=mobile,
                    password=password,
                    full_name=name,
                )
            )
        except DomainError as exc:
            fields = "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
            typer.echo(f"create-admin refused ({exc.error_code}): {fields or exc.detail}", err=True)
            raise typer.Exit(code=1) from None
        return view.code
    finally:
        await container.aclose()


@app.command("stop-db")
def stop_db() -> None:
    """Stop the embedded PostgreSQL (under DATA_DIR/pg) if one is still running, e.g. after a
    server was killed with SIGKILL. `meridian serve` stops it itself when it exits."""
    settings = load_settings()
    if stop_embedded_postgres(settings.embedded_pg_dir):
        console.print(f"Stopped the embedded PostgreSQL in {settings.embedded_pg_dir}")
    else:
        console.print(f"No embedded PostgreSQL running in {settings.embedded_pg_dir}")


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(help="The admin's email address.")],
    mobile: Annotated[str, typer.Option(help="The admin's mobile number (E.164).")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="MERIDIAN_ADMIN_PASSWORD",
            help="Prompted for when not given (or MERIDIAN_ADMIN_PASSWORD).",
        ),
    ],
    name: Annotated[str, typer.Option(help="Full name.")] = "Administrator",
) -> None:
    """Create a verified super admin (migrates first)."""
    settings = load_settings()
    configure_logging(settings.log_level, json_lines=False)
    url = resolved_database(settings)
    migrations.upgrade(url)
    code = asyncio.run(_create_admin(settings, url, email, mobile, password, name))
    console.print(f"[green]Super admin {code} created ({email}).[/]")


if __name__ == "__main__":
    app()
