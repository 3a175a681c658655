"""Migration 0014 back-fills what the adapter now writes with each posting: owner, time,
writing order and the running balance of owned accounts."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from infrastructure.database import migrations
from infrastructure.database.url import async_url
from tests.support.databases import drop_database, recreate_database

USER, CLEARING = uuid.uuid4(), uuid.uuid4()
ACCOUNT = (
    "INSERT INTO ledger_accounts (id, owner_id, kind, asset_code, precision, may_go_negative,"
    " posted, held, created_at) VALUES (:id, :owner, :kind, 'INR', 2, :neg, :posted, 0, now())"
)
ENTRY = (
    "INSERT INTO ledger_entries (id, memo, metadata, created_at)"
    " VALUES (:id, 'm', '{}', now() - make_interval(mins => :age))"
)
POSTING = "INSERT INTO ledger_postings VALUES (:entry, :line, :account, 'INR', :amount)"


@pytest.fixture
async def scratch_url(database_url: str) -> AsyncIterator[str]:
    name = f"meridian_scratch_{uuid.uuid4().hex[:10]}"
    url = await recreate_database(database_url, name)
    yield url
    await drop_database(database_url, name)


async def test_existing_postings_get_their_running_balances(scratch_url: str) -> None:
    await asyncio.to_thread(migrations.upgrade, scratch_url, "0013")
    engine = create_async_engine(async_url(scratch_url))
    amounts = ["100.00", "-30.00", "5.50"]
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(ACCOUNT),
                [
                    {
                        "id": USER,
                        "owner": uuid.uuid4(),
                        "kind": "user_cash",
                        "neg": False,
                        "posted": Decimal("75.50"),
                    },
                    {
                        "id": CLEARING,
                        "owner": None,
                        "kind": "bank_clearing",
                        "neg": True,
                        "posted": Decimal("-75.50"),
                    },
                ],
            )
            for age, amount in zip((30, 20, 10), amounts, strict=True):
                entry = uuid.uuid4()
                await conn.execute(text(ENTRY), {"id": entry, "age": age})
                await conn.execute(
                    text(POSTING),
                    [
                        {"entry": entry, "line": 1, "account": USER, "amount": Decimal(amount)},
                        {
                            "entry": entry,
                            "line": 2,
                            "account": CLEARING,
                            "amount": -Decimal(amount),
                        },
                    ],
                )
        await asyncio.to_thread(migrations.upgrade, scratch_url, "0014")
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT p.account_id, p.balance_after, p.owner_id = a.owner_id AS owned,"
                        " p.created_at = e.created_at AS timed, p.seq FROM ledger_postings p"
                        " JOIN ledger_accounts a ON a.id = p.account_id"
                        " JOIN ledger_entries e ON e.id = p.entry_id ORDER BY p.seq"
                    )
                )
            ).all()
            next_seq = await conn.scalar(
                text("SELECT nextval(pg_get_serial_sequence('ledger_postings', 'seq'))")
            )
    finally:
        await engine.dispose()
    user = [r for r in rows if r.account_id == USER]
    assert [r.balance_after for r in user] == [
        Decimal("100.00"),
        Decimal("70.00"),
        Decimal("75.50"),
    ]
    assert all(r.owned and r.timed for r in user)
    assert all(r.balance_after is None for r in rows if r.account_id == CLEARING)
    assert [r.seq for r in rows] == list(range(1, 7))
    assert next_seq == 7
