"""``meridian ledger check`` on a healthy ledger, and on one changed behind the triggers' back
(what only a superuser could do)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from infrastructure.cli.main import app as cli
from tests.support.ledger import LedgerDriver


async def check(database_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["ledger", "check"])
    return result.exit_code, result.output


async def busy_ledger(driver: LedgerDriver) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    await driver.deposit(alice, "100")
    await driver.transfer(alice, bob, "40")
    await driver.run(lambda ledger: ledger.place_hold(bob.id, Decimal(15), memo="order"))


async def test_a_healthy_ledger_passes(
    driver: LedgerDriver, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await busy_ledger(driver)
    code, output = await check(database_url, monkeypatch)
    assert code == 0, output
    assert "ledger consistent: 3 accounts, 2 entries, 4 postings, 1 holds" in output


@pytest.mark.parametrize(
    ("tamper", "rule"),
    [
        (
            [
                "ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_append_only",
                "UPDATE ledger_postings SET amount = amount + 1 WHERE line = 1",
                "ALTER TABLE ledger_postings ENABLE TRIGGER ledger_postings_append_only",
            ],
            "entry_balanced",
        ),
        (
            ["UPDATE ledger_accounts SET posted = posted + 1 WHERE kind = 'bank_clearing'"],
            "posted_equals_postings",
        ),
        (
            ["UPDATE ledger_accounts SET held = 0 WHERE held > 0"],
            "held_equals_pending_holds",
        ),
        (
            [
                "ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_append_only",
                "UPDATE ledger_postings SET balance_after = balance_after + 1"
                " WHERE balance_after IS NOT NULL",
                "ALTER TABLE ledger_postings ENABLE TRIGGER ledger_postings_append_only",
            ],
            "running_balance_matches_postings",
        ),
    ],
    ids=["posting-edited", "balance-drift", "held-drift", "running-balance-edited"],
)
async def test_a_planted_violation_is_found_and_named(
    driver: LedgerDriver,
    engine: AsyncEngine,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tamper: list[str],
    rule: str,
) -> None:
    await busy_ledger(driver)
    async with engine.begin() as conn:
        for statement in tamper:
            await conn.execute(text(statement))
    code, output = await check(database_url, monkeypatch)
    assert code == 1
    assert f"VIOLATION {rule}:" in output
