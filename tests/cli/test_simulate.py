"""``meridian simulate``: on a fresh database with the catalog listed, a short run of the
simulated market through the real order books prints what it did: orders placed and refused,
trades, and each symbol's last price."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from infrastructure.cli.main import app
from tests.support.databases import drop_database, recreate_database

runner = CliRunner()


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_cli_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def test_simulate_trades_and_prints_a_summary(
    scratch_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    assert runner.invoke(app, ["trading", "seed"]).exit_code == 0
    result = runner.invoke(
        app,
        [
            "simulate",
            "--duration",
            "3",
            "--interval",
            "0.2",
            "--seed",
            "4",
            "--symbols",
            "btc-usd,ETH-USD",
        ],
    )
    assert result.exit_code == 0, result.output
    placed = re.search(r"orders placed (\d+), refused (\d+)", result.output)
    assert placed is not None, result.output
    assert int(placed.group(1)) > 0
    assert re.search(r"^trades (\d+)", result.output, re.MULTILINE)
    assert "seed 4" in result.output
    for symbol in ("BTC-USD", "ETH-USD"):
        assert re.search(rf"^{symbol}\s+\d+\.\d+", result.output, re.MULTILINE), result.output
    assert "AAPL" not in result.output


def test_simulate_is_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    safe_production = {
        "APP_ENV": "production",
        "SECRET_KEY": "s" * 40,
        "DATABASE_URL": "postgresql://db/meridian",
        "REDIS_URL": "redis://cache:6379/0",
        "DEBUG": "false",
        "FIELD_ENCRYPTION_KEYS": "k2:" + "A" * 43 + "=",
        "BLIND_INDEX_KEY": "B" * 43 + "=",
        "BANK_RAIL_WEBHOOK_SECRETS": "whsec-" + "c" * 40,
    }
    for name, value in safe_production.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["simulate", "--duration", "1"])
    assert result.exit_code == 2
    assert "never runs in production" in result.output
