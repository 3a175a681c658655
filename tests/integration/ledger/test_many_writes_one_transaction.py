"""Many holds, captures and releases on the same accounts in one transaction (the trading
matcher's batch): what is available is right after each, a rolled-back savepoint's amounts are
never used, and what commits is what a fresh read shows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.entries import Leg
from domain.ledger.errors import HoldNotPending, InsufficientFunds
from domain.shared.ids import UserId, new_uuid
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


async def test_accounts_locked_up_front_are_held_and_their_writes_lock_nothing_more(
    world: Container, driver: LedgerDriver
) -> None:
    """``lock_accounts``: the existing accounts of the specs locked in one statement (another
    transaction cannot take them), one not opened yet left out (and not opened), a hot
    account not locked; then holds and captures on them send no lock."""
    alice, bob = await driver.user_cash(), await driver.user_cash()
    fees, clearing = await driver.fees(), await driver.clearing()
    await driver.deposit(alice, "100")
    nobody = AccountSpec(UserId(new_uuid()), AccountKind.USER_CASH, alice.asset)
    specs = [AccountSpec(a.owner, a.kind, a.asset) for a in (bob, fees, alice, clearing)] + [nobody]
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    async with world.session_factory() as session:
        ledger = SqlLedger(session, world.clock)
        event.listen(world.engine.sync_engine, "before_cursor_execute", count)
        try:
            locked = await ledger.lock_accounts(specs)
            assert [a.id for a in locked] == sorted([alice.id, bob.id, fees.id])
            assert len(statements) == 1
            async with world.engine.connect() as other:
                for account in (alice, bob, fees):
                    with pytest.raises(DBAPIError, match="could not obtain lock"):
                        await other.execute(
                            text("SELECT 1 FROM ledger_accounts WHERE id = :id FOR UPDATE NOWAIT"),
                            {"id": account.id},
                        )
                    await other.rollback()
            statements.clear()
            hold = await ledger.place_hold(alice.id, Decimal(40), memo="a")
            await ledger.capture_hold(
                hold.id, [Leg(bob.id, Decimal(30)), Leg(fees.id, Decimal(1))], memo="t"
            )
            assert not [s for s in statements if "FOR UPDATE" in s]
            assert len(statements) == 2  # the hold, the capture: one statement each
        finally:
            event.remove(world.engine.sync_engine, "before_cursor_execute", count)
        await session.commit()
    assert (
        await driver.run(lambda ledger: ledger.find_account(nobody.owner, nobody.kind, "INR"))
        is None
    )
    after = await driver.account(alice)
    assert (after.posted, after.held) == (Decimal(69), Decimal(0))
