"""Cap tables for the tests of the views: an issuer with two classes (common with fractions,
a preferred of a random conversion ratio) and a few stakeholders, a random history with many
equal remainders (issuances of a few sizes, partial transfers, cancellations, splits; one event
a day), stored at once as an import writes it, and the shareholder list walked page by page.
``new_issuer`` and ``empty_table`` build the bench's large issuer too
(``bench/captable_views.py``)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.captable.repositories import (
    SqlCapTables,
    SqlIssuers,
    SqlShareClasses,
    SqlStakeholders,
)
from domain.captable.cap_table import CapTable, Change, ClassPosition, Recording
from domain.captable.issuer import Issuer
from domain.captable.ownership import HolderPosition
from domain.captable.share_class import ClassType, ShareClass
from domain.captable.stakeholder import Stakeholder, StakeholderType

NOW = datetime(2026, 6, 1, tzinfo=UTC)
AT = Recording(NOW, None)
START = date(2025, 1, 1)


def new_issuer(
    *,
    name: str,
    stakeholders: int,
    conversion_ratio: str,
    formed: date = START,
    now: datetime = NOW,
    common_authorized: str = "1000000000000000",
    preferred_authorized: str = "1000000000000000",
    fractions: bool = False,
) -> tuple[Issuer, list[ShareClass], list[Stakeholder]]:
    """The issuer the views are tested and benched on: USD, Common (``CS``) and a Series A
    preferred (``PA``) converting at ``conversion_ratio``, and ``stakeholders`` individuals
    ``Holder 00000``, ``Holder 00001``..."""
    issuer = Issuer.new(
        legal_name=name,
        formation_date=formed,
        country_of_formation="US",
        country_subdivision_of_formation="DE",
        currency="USD",
        created_by=None,
        now=now,
    )
    common = ShareClass.new(
        issuer_id=issuer.id,
        name="Common",
        class_type=ClassType.COMMON,
        certificate_prefix="CS",
        initial_shares_authorized=common_authorized,
        allows_fractions=fractions,
        now=now,
    )
    preferred = ShareClass.new(
        issuer_id=issuer.id,
        name="Series A",
        class_type=ClassType.PREFERRED,
        certificate_prefix="PA",
        initial_shares_authorized=preferred_authorized,
        conversion_ratio=conversion_ratio,
        now=now,
    )
    holders = [
        Stakeholder.new(
            issuer_id=issuer.id,
            legal_name=f"Holder {n:05d}",
            stakeholder_type=StakeholderType.INDIVIDUAL,
            now=now,
        )
        for n in range(stakeholders)
    ]
    return issuer, [common, preferred], holders


def empty_table(issuer: Issuer, classes: list[ShareClass], holders: list[Stakeholder]) -> CapTable:
    """The issuer's cap table before its first event."""
    return CapTable(
        issuer.id,
        sequence=0,
        latest_date=None,
        classes=[ClassPosition(c) for c in classes],
        stakeholders=[h.id for h in holders],
        currency="USD",
    )


def cap_table(rng: random.Random) -> tuple[Issuer, list[ShareClass], list[Stakeholder]]:
    """A small issuer of a random ratio (fractions of common allowed), 1 to 40 holders."""
    return new_issuer(
        name="Ranked, Inc.",
        conversion_ratio=rng.choice(["1", "1.5", "3", "0.33333333"]),
        stakeholders=rng.randint(1, 40),
        fractions=True,
    )


def history(
    rng: random.Random, issuer: Issuer, classes: list[ShareClass], holders: list[Stakeholder]
) -> tuple[CapTable, list[Change]]:
    """Issuances of a few small sizes (equal remainders everywhere), partial transfers,
    cancellations and one split, one event a day."""
    common, preferred = classes
    table = empty_table(issuer, classes, holders)
    sizes = rng.choice([["1", "2", "3", "7"], ["100", "300", "700"], ["1", "0.5", "1000000"]])
    changes: list[Change] = []
    for n in range(rng.randint(1, 3 * len(holders) + 5)):
        day = START + timedelta(days=n)
        outstanding = [s for s in table.securities if s.outstanding]
        roll = rng.random()
        if roll < 0.6 or not outstanding:
            klass = preferred if rng.random() < 0.3 else common
            size = rng.choice(sizes)
            if klass is preferred:
                size = str(max(1, int(Decimal(size))))
            change = table.issue(
                stakeholder_id=rng.choice(holders).id,
                stock_class_id=klass.id,
                quantity=size,
                date=day,
                recording=AT,
            )
        elif roll < 0.8 and len(holders) > 1:
            security = rng.choice(outstanding)
            buyer = rng.choice([h for h in holders if h.id != security.stakeholder_id])
            change = table.transfer(
                security_id=security.id,
                quantity=str(max(Decimal(1), security.quantity // 2).min(security.quantity)),
                to_stakeholder_id=buyer.id,
                date=day,
                recording=AT,
            )
        elif roll < 0.95:
            security = rng.choice(outstanding)
            change = table.cancel(
                security_id=security.id,
                quantity=str(security.quantity),
                date=day,
                reason_text="test",
                recording=AT,
            )
        else:
            change = table.split(
                stock_class_id=common.id,
                split_ratio_numerator="3",
                split_ratio_denominator="1",
                date=day,
                recording=AT,
            )
        changes.append(change)
    return table, changes


async def store(
    factory: async_sessionmaker[AsyncSession],
    issuer: Issuer,
    classes: list[ShareClass],
    holders: list[Stakeholder],
    table: CapTable,
    changes: list[Change],
) -> None:
    async with factory() as session:
        await SqlIssuers(session).add(issuer)
        for klass in classes:
            await SqlShareClasses(session).add(klass)
        for holder in holders:
            await SqlStakeholders(session).add(holder)
        await SqlCapTables(session).append_all(changes, table)
        await session.commit()


async def walk(
    factory: async_sessionmaker[AsyncSession], issuer: Issuer, on: date | None, limit: int
) -> list[HolderPosition]:
    """Every page of the shareholder list, each after the last row of the one before."""
    rows: list[HolderPosition] = []
    after = None
    async with factory() as session:
        while True:
            page = await SqlCapTables(session).holder_positions(
                issuer.id, on=on, after=after, limit=limit
            )
            rows.extend(page.positions)
            if not page.more:
                return rows
            assert len(page.positions) == limit
            last = page.positions[-1]
            after = (last.outstanding, last.stakeholder_id)
