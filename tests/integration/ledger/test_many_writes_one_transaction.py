"""Many holds, captures and releases on the same accounts in one transaction (the trading
matcher's batch): what is available is right after each, a rolled-back savepoint's amounts are
never used, and what commits is what a fresh read shows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.entries import Leg
from domain.ledger.errors import HoldNotPending, InsufficientFunds
from infrastructure.container import Container
from tests.support.ledger import LedgerDriver


async def test_holds_captures_and_releases_in_one_transaction_add_up(
    world: Container, driver: LedgerDriver
) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    fees = await driver.fees()
    await driver.deposit(alice, "100")
    async with world.session_factory() as session:
        ledger = SqlLedger(session, world.clock)
        first = await ledger.place_hold(alice.id, Decimal(40), memo="a")
        second = await ledger.place_hold(alice.id, Decimal(50), memo="b")
        with pytest.raises(InsufficientFunds):  # 90 held of 100: 11 more is too much
            await ledger.place_hold(alice.id, Decimal(11), memo="c")
        await ledger.capture_hold(
            first.id, [Leg(bob.id, Decimal(30)), Leg(fees.id, Decimal(1))], memo="t"
        )
        with pytest.raises(HoldNotPending):  # captured in this transaction: not again
            await ledger.release_hold(first.id)
        await ledger.release_hold(second.id)
        third = await ledger.place_hold(alice.id, Decimal(69), memo="d")  # all that is left
        with pytest.raises(InsufficientFunds):
            await ledger.place_hold(alice.id, Decimal("0.01"), memo="e")
        await session.commit()
    after = await driver.account(alice)
    assert (after.posted, after.held) == (Decimal(69), Decimal(69))
    assert (await driver.account(bob)).posted == Decimal(30)
    assert (await driver.run(lambda ledger: ledger.get_hold(third.id))).amount == Decimal(69)


async def test_a_rolled_back_savepoint_leaves_nothing_held(
    world: Container, driver: LedgerDriver
) -> None:
    alice = await driver.user_cash()
    await driver.deposit(alice, "100")
    async with world.session_factory() as session:
        ledger = SqlLedger(session, world.clock)
        await ledger.place_hold(alice.id, Decimal(20), memo="kept")
        savepoint = await session.begin_nested()
        await SqlLedger(session, world.clock).place_hold(alice.id, Decimal(70), memo="undone")
        await savepoint.rollback()
        # the undone 70 is not counted: 80 is still available
        await SqlLedger(session, world.clock).place_hold(alice.id, Decimal(80), memo="all")
        await session.commit()
    after = await driver.account(alice)
    assert (after.posted, after.held) == (Decimal(100), Decimal(100))
