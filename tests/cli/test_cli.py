from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import create_async_engine
from typer.testing import CliRunner

from domain.shared.notification import Category, Channel, Notification, Recipient
from infrastructure.cli.main import app
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.database.url import async_url
from infrastructure.demo.identity import DEMO_ADMIN_EMAIL
from infrastructure.demo.investor import DEMO_INVESTOR_EMAIL
from tests.support.databases import drop_database, recreate_database, truncate_all
from tests.support.outbox import TEST_TEMPLATES
from tests.support.smtp import smtp_sink

runner = CliRunner()


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_cli_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def applied_revision(url: str) -> str | None:
    async def read() -> str | None:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            return await conn.fetchval("SELECT version_num FROM alembic_version")
        finally:
            await conn.close()

    return asyncio.run(read())


def test_migrate_brings_an_empty_database_to_head(
    scratch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "Migrated to head" in result.output
    assert applied_revision(scratch_url) is not None


def test_seed_demo_creates_the_demo_admin_and_a_kyc_verified_investor_once(
    scratch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    first = runner.invoke(app, ["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "demo super admin: 1 records" in first.output
    assert "demo investor at KYC level 3: 1 records" in first.output
    assert "captable: demo company, its holders, a transfer in ROFR: 31 records" in first.output
    assert "trading instruments: 19 records" in first.output
    again = runner.invoke(app, ["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "demo super admin: 0 records" in again.output
    assert "demo investor at KYC level 3: 0 records" in again.output
    assert "a transfer in ROFR: 0 records" in again.output
    assert "trading instruments: 0 records" in again.output
    assert _count_admins(scratch_url) == 1
    assert _investor(scratch_url) == (3, ["user"])
    # the deposit settled, 2000.00 USD bought for 167332.50 INR (83.25 mid, 50 bps)
    assert _investor_cash(scratch_url) == {"INR": Decimal("82667.50"), "USD": Decimal("2000.00")}
    checked = runner.invoke(app, ["ledger", "check"])
    assert checked.exit_code == 0, checked.output
    assert _transfers(scratch_url) == [("TRF-0001", "pending", "open", Decimal("10000"))]
    assert _legends_printed(scratch_url) == {2}  # every demo certificate prints both legends


def _legends_printed(url: str) -> set[int]:
    async def read() -> set[int]:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            rows = await conn.fetch(
                "SELECT cardinality(stock_legend_ids) AS n FROM captable_securities"
            )
            return {r["n"] for r in rows}
        finally:
            await conn.close()

    return asyncio.run(read())


def _transfers(url: str) -> list[tuple[str, str, str, Decimal]]:
    async def read() -> list[tuple[str, str, str, Decimal]]:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            rows = await conn.fetch(
                "SELECT reference, status, rofr, quantity FROM captable_share_transfers"
            )
            return [(r["reference"], r["status"], r["rofr"], r["quantity"]) for r in rows]
        finally:
            await conn.close()

    return asyncio.run(read())


def _investor_cash(url: str) -> dict[str, Decimal]:
    async def read() -> dict[str, Decimal]:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            rows = await conn.fetch(
                "SELECT a.asset_code, a.posted FROM ledger_accounts a JOIN users u "
                "ON u.id = a.owner_id WHERE u.email = $1 AND a.kind = 'user_cash'",
                DEMO_INVESTOR_EMAIL,
            )
            return {r["asset_code"]: r["posted"] for r in rows}
        finally:
            await conn.close()

    return asyncio.run(read())


def _investor(url: str) -> tuple[int, list[str]]:
    async def read() -> tuple[int, list[str]]:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            row = await conn.fetchrow(
                "SELECT kyc_level, roles FROM users WHERE email = $1", DEMO_INVESTOR_EMAIL
            )
            return int(row["kyc_level"]), list(row["roles"])
        finally:
            await conn.close()

    return asyncio.run(read())


def _count_admins(url: str) -> int:
    async def read() -> int:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            return int(
                await conn.fetchval(
                    "SELECT count(*) FROM users WHERE email = $1 AND 'super_admin' = ANY(roles)",
                    DEMO_ADMIN_EMAIL,
                )
            )
        finally:
            await conn.close()

    return asyncio.run(read())


def test_serve_refuses_several_workers_without_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = runner.invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "set REDIS_URL" in result.output


def test_unsafe_production_settings_stop_the_cli_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "too-short")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "SECRET_KEY is shorter than 32 characters" in result.output
    assert "REDIS_URL is required" in result.output


def test_the_worker_command_delivers_the_outbox_until_stopped(
    database_url: str, tmp_path: Path
) -> None:
    """`meridian worker` as its own process, against a real SMTP server."""
    asyncio.run(_queue_hello(database_url, "ops@example.com"))
    with smtp_sink() as sink:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SMTP_HOST": sink.host,
            "SMTP_PORT": str(sink.port),
            "SMTP_STARTTLS": "false",
            "NOTIFICATION_TEMPLATES_DIR": str(TEST_TEMPLATES),
            "OUTBOX_POLL_SECONDS": "0.1",
            "LOG_LEVEL": "WARNING",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "infrastructure.cli.main", "worker"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 20
            while not sink.to("ops@example.com") and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            worker.send_signal(signal.SIGTERM)
            output = worker.communicate(timeout=10)[0].decode()
    asyncio.run(_truncate(database_url))
    assert len(sink.to("ops@example.com")) == 1, output
    assert worker.returncode == 0, output


async def _queue_hello(database_url: str, to: str) -> None:
    settings = Settings(_env_file=None, database_url=database_url)
    container = build_container(settings, database_url)
    try:
        async with container.unit_of_work(require_audit=False) as uow:  # test set-up
            await uow.notifier.notify(
                Notification(
                    template="test.hello",
                    category=Category.ORDERS,
                    recipient=Recipient(email=to),
                    channels=frozenset({Channel.EMAIL}),
                    variables={"name": "Ops", "order": "W-1"},
                )
            )
            await uow.commit()
    finally:
        await container.aclose()


async def _truncate(database_url: str) -> None:
    engine = create_async_engine(async_url(database_url))
    try:
        await truncate_all(engine)
    finally:
        await engine.dispose()
