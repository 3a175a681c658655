"""The shareholder list as the database ranks it, on real PostgreSQL, against the domain's
rule (``ownership``): random cap tables with many equal remainders, now and on past dates,
walked page by page, give the same holders in the same order with the same shares,
certificates and percentages, to the hundredth."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.captable.cap_table import CapTable, ClassPosition
from domain.captable.ownership import ownership
from domain.captable.stakeholder import Stakeholder, StakeholderType
from tests.support.captable_histories import (
    AT,
    NOW,
    START,
    cap_table,
    history,
    store,
    walk,
)


@pytest.mark.parametrize("seed", range(16))
async def test_the_database_ranks_and_rounds_the_holders_exactly_as_the_domain(
    session_factory: async_sessionmaker[AsyncSession], seed: int
) -> None:
    rng = random.Random(seed)
    issuer, classes, holders = cap_table(rng)
    table, changes = history(rng, issuer, classes, holders)
    await store(session_factory, issuer, classes, holders, table, changes)
    by_id = {c.id: c for c in classes}
    days = [START + timedelta(days=n) for n in (-1, 0, len(changes) // 2, len(changes))]
    for on in (None, *days):
        expected = ownership(table.holdings(on), by_id).holders
        found = await walk(session_factory, issuer, on, limit=rng.randint(1, 7))
        assert found == list(expected), on
        assert [(str(h.outstanding_percent), str(h.fully_diluted_percent)) for h in found] == [
            (str(h.outstanding_percent), str(h.fully_diluted_percent)) for h in expected
        ]
        if found:
            assert sum(h.outstanding_percent for h in found) == Decimal("100.00")
            assert sum(h.fully_diluted_percent for h in found) == Decimal("100.00")


async def test_an_equal_remainder_goes_to_the_larger_holder(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # 7, 3 and 1 of 30 shares leave the same remainder: the hundredth left over goes to the
    # first 7 in the list (more shares, then the id), never to the 1
    issuer, classes, _ = cap_table(random.Random(0))
    holders = [
        Stakeholder.new(
            issuer_id=issuer.id,
            legal_name=f"Holder {n}",
            stakeholder_type=StakeholderType.INDIVIDUAL,
            now=NOW,
        )
        for n in range(7)
    ]
    table = CapTable(
        issuer.id,
        sequence=0,
        latest_date=None,
        classes=[ClassPosition(c) for c in classes],
        stakeholders=[h.id for h in holders],
        currency="USD",
    )
    changes = [
        table.issue(
            stakeholder_id=holder.id,
            stock_class_id=classes[0].id,
            quantity=quantity,
            date=START,
            recording=AT,
        )
        for holder, quantity in zip(holders, ("1", "7", "3", "7", "2", "3", "7"), strict=True)
    ]
    await store(session_factory, issuer, classes, holders, table, changes)
    found = await walk(session_factory, issuer, None, limit=3)
    sevens = sorted(h.id for h, q in zip(holders, "1737237", strict=True) if q == "7")
    assert [h.stakeholder_id for h in found[:3]] == sevens
    assert [str(h.outstanding_percent) for h in found] == [
        "23.34",
        "23.33",
        "23.33",
        "10.00",
        "10.00",
        "6.67",
        "3.33",
    ]
