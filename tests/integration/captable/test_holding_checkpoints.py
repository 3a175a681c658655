"""The cap table as of a date read from checkpoints of the holdings, on real PostgreSQL,
against the definition (the domain's replay of the securities' dates): checkpoints every few
events, taken by an import and by the writer event by event, give on every day of the history
the same shareholder list (walked page by page, percentages to the hundredth) and the same
totals; a backdated event drops the checkpoints it falls before and moves every view from its
date on, none before."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.captable import checkpoints
from adapters.persistence.captable.models import CheckpointHoldingRow, CheckpointRow
from adapters.persistence.captable.repositories import (
    SqlCapTables,
    SqlIssuers,
    SqlShareClasses,
    SqlStakeholders,
)
from domain.captable.cap_table import CapTable, Change
from domain.captable.issuer import Issuer
from domain.captable.ownership import ownership
from domain.captable.share_class import ShareClass
from domain.captable.stakeholder import Stakeholder
from tests.support.captable_histories import AT, START, cap_table, history, store, walk


def totals(table: CapTable, on: date) -> tuple[dict[UUID, Decimal], int]:
    by_class: dict[UUID, Decimal] = defaultdict(Decimal)
    for h in table.holdings(on):
        by_class[h.stock_class_id] += h.quantity
    return dict(by_class), len({h.stakeholder_id for h in table.holdings(on)})


async def taken(factory: async_sessionmaker[AsyncSession], issuer: Issuer) -> list[date]:
    async with factory() as session:
        return list(
            await session.scalars(
                select(CheckpointRow.as_of)
                .where(CheckpointRow.issuer_id == issuer.id)
                .order_by(CheckpointRow.as_of)
            )
        )


async def assert_views_follow_the_definition(
    factory: async_sessionmaker[AsyncSession],
    issuer: Issuer,
    classes: list[ShareClass],
    table: CapTable,
    days: int,
    rng: random.Random,
) -> None:
    by_id = {c.id: c for c in classes}
    for n in range(-1, days + 2):
        on = START + timedelta(days=n)
        expected = ownership(table.holdings(on), by_id).holders
        found = await walk(factory, issuer, on, limit=rng.randint(1, 7))
        assert found == list(expected), on
        assert [(str(h.outstanding_percent), str(h.fully_diluted_percent)) for h in found] == [
            (str(h.outstanding_percent), str(h.fully_diluted_percent)) for h in expected
        ]
        async with factory() as session:
            held = await SqlCapTables(session).held(issuer.id, on=on)
        assert (held.by_class, held.holders) == totals(table, on), on


async def assert_checkpoints_are_the_end_of_their_day(
    factory: async_sessionmaker[AsyncSession], issuer: Issuer, table: CapTable
) -> None:
    async with factory() as session:
        rows = (
            await session.execute(
                select(
                    CheckpointHoldingRow.as_of,
                    CheckpointHoldingRow.stakeholder_id,
                    CheckpointHoldingRow.stock_class_id,
                    CheckpointHoldingRow.quantity,
                    CheckpointHoldingRow.certificates,
                ).where(CheckpointHoldingRow.issuer_id == issuer.id)
            )
        ).all()
    for day in await taken(factory, issuer):
        kept = {(r[1], r[2], r[3], r[4]) for r in rows if r[0] == day}
        held = {
            (h.stakeholder_id, h.stock_class_id, h.quantity, h.certificates)
            for h in table.holdings(day)
        }
        assert kept == held, day


def long_history(
    seed: int,
) -> tuple[random.Random, Issuer, list[ShareClass], list[Stakeholder], CapTable, list[Change]]:
    """A history of 12 events or more (the seeds that give fewer are skipped over)."""
    while True:
        rng = random.Random(seed)
        issuer, classes, holders = cap_table(rng)
        table, changes = history(rng, issuer, classes, holders)
        if len(changes) >= 12:
            return rng, issuer, classes, holders, table, changes
        seed += 1000


@pytest.mark.parametrize("seed", range(8))
async def test_the_views_from_an_imports_checkpoints_equal_the_definition(
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    monkeypatch.setattr(checkpoints, "CHECKPOINT_EVERY", 3)
    rng, issuer, classes, holders, table, changes = long_history(seed)
    await store(session_factory, issuer, classes, holders, table, changes)
    days = await taken(session_factory, issuer)
    # one event a day: a checkpoint every third day, never the latest
    assert days == [START + timedelta(days=n) for n in range(2, len(changes) - 1, 3)]
    await assert_checkpoints_are_the_end_of_their_day(session_factory, issuer, table)
    await assert_views_follow_the_definition(
        session_factory, issuer, classes, table, len(changes), rng
    )


async def record(factory: async_sessionmaker[AsyncSession], issuer: Issuer, change: Change) -> None:
    """One event as the use cases store it: the event with its projection, then the issuer's
    sequence and latest date moved on, committed."""
    async with factory() as session:
        await SqlCapTables(session).append(change)
        await SqlIssuers(session).advance(issuer, change.event)
        await session.commit()


@pytest.mark.parametrize("seed", range(4))
async def test_the_writer_checkpoints_and_a_backdated_event_moves_every_view_after_its_date(
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    monkeypatch.setattr(checkpoints, "CHECKPOINT_EVERY", 2)
    rng, issuer, classes, holders, table, changes = long_history(seed)
    async with session_factory() as session:
        await SqlIssuers(session).add(issuer)
        for klass in classes:
            await SqlShareClasses(session).add(klass)
        for holder in holders:
            await SqlStakeholders(session).add(holder)
        await session.commit()
    for change in changes:
        await record(session_factory, issuer, change)
    days = await taken(session_factory, issuer)
    # taken by the event that opens the next day, when two or more came since the last one
    assert days == [START + timedelta(days=n) for n in range(1, len(changes) - 1, 2)]
    await assert_checkpoints_are_the_end_of_their_day(session_factory, issuer, table)
    await assert_views_follow_the_definition(
        session_factory, issuer, classes, table, len(changes), rng
    )

    # An issuance dated a third of the way into the history, recorded last. The domain
    # refuses an event dated before the latest; the store does not assume it.
    backdated = START + timedelta(days=len(changes) // 3)
    by_id = {c.id: c for c in classes}
    before = {
        n: ownership(table.holdings(START + timedelta(days=n)), by_id).holders
        for n in range(len(changes) + 1)
    }
    latest = table.latest_date
    table.latest_date = backdated
    change = table.issue(
        stakeholder_id=holders[0].id,
        stock_class_id=classes[0].id,
        quantity="1000",
        date=backdated,
        recording=AT,
    )
    table.latest_date = latest
    await record(session_factory, issuer, change)
    assert await taken(session_factory, issuer) == [d for d in days if d < backdated]
    await assert_views_follow_the_definition(
        session_factory, issuer, classes, table, len(changes), rng
    )
    for n, holders_then in before.items():
        on = START + timedelta(days=n)
        found = await walk(session_factory, issuer, on, limit=50)
        if on < backdated:
            assert found == list(holders_then), on
        else:  # the 1,000 shares from their date on
            mine = next(h for h in found if h.stakeholder_id == holders[0].id)
            was = next((h for h in holders_then if h.stakeholder_id == holders[0].id), None)
            assert mine.outstanding == (was.outstanding if was else 0) + 1000, on
