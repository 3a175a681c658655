"""The ledger adapter on real PostgreSQL: entries, holds, reversals, and the database's own
guards (append-only triggers, the balanced-entry trigger, CHECK constraints)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.ledger.journal import SqlJournal
from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.ledger.errors import (
    AssetMismatch,
    DuplicateReference,
    EntryAlreadyReversed,
    HoldNotPending,
    InsufficientFunds,
    InvalidPosting,
    UnbalancedEntry,
)
from domain.ledger.holds import HoldStatus
from domain.shared.ids import UserId, new_uuid
from domain.shared.pagination import PageRequest
from infrastructure.container import Container
from tests.support.ledger import LedgerDriver
from usecases.ledger.ports import JournalFilter


async def test_an_entry_moves_balances_and_reads_back(driver: LedgerDriver) -> None:
    alice = await driver.user_cash()
    await driver.deposit(alice, "1000.50")
    clearing = await driver.clearing()
    assert (await driver.account(alice)).posted == Decimal("1000.50")
    assert (await driver.account(clearing)).posted == Decimal("-1000.50")

    entry = await driver.run(
        lambda ledger: ledger.post(
            NewEntry(
                legs=[Leg(alice.id, Decimal("-100")), Leg(clearing.id, Decimal("100"))],
                memo="withdrawal",
                reference="withdrawal:1",
                metadata={"note": "x"},
            )
        )
    )
    again = await driver.run(lambda ledger: ledger.entry_by_reference("withdrawal:1"))
    assert again is not None
    assert again.id == entry.id
    assert [p.amount for p in again.postings] == [Decimal("-100.00"), Decimal("100.00")]
    assert again.metadata == {"note": "x"}


async def test_opening_an_account_twice_gives_the_same_account(driver: LedgerDriver) -> None:
    owner = UserId(new_uuid())
    first = await driver.user_cash(owner=owner)
    second = await driver.user_cash(owner=owner)
    assert first.id == second.id
    assert (await driver.clearing()).id == (await driver.clearing()).id


async def test_a_user_account_cannot_be_overdrawn(driver: LedgerDriver) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    await driver.deposit(alice, "50")
    with pytest.raises(InsufficientFunds):
        await driver.transfer(alice, bob, "50.01")
    await driver.transfer(alice, bob, "50")
    assert (await driver.account(alice)).posted == 0
    assert (await driver.account(bob)).posted == Decimal("50")


async def test_amounts_in_another_asset_or_unbalanced_are_refused(driver: LedgerDriver) -> None:
    inr, usd = await driver.user_cash(), await driver.user_cash(Asset.currency("USD"))
    await driver.deposit(inr, "10")
    with pytest.raises(UnbalancedEntry, match=r"INR off by -10\.00, USD off by 10\.00"):
        await driver.transfer(inr, usd, "10")
    with pytest.raises(AssetMismatch):
        await driver.open(AccountSpec(None, AccountKind.SUSPENSE, Asset.instrument("INR-X", 2)))
        await driver.open(AccountSpec(None, AccountKind.SUSPENSE, Asset.instrument("INR-X", 0)))


async def test_a_reference_is_posted_once(driver: LedgerDriver) -> None:
    alice = await driver.user_cash()
    clearing = await driver.clearing()
    entry = NewEntry(
        legs=[Leg(clearing.id, Decimal(-5)), Leg(alice.id, Decimal(5))],
        memo="deposit",
        reference="deposit:42",
    )
    await driver.run(lambda ledger: ledger.post(entry))
    with pytest.raises(DuplicateReference):
        await driver.run(lambda ledger: ledger.post(entry))
    assert (await driver.account(alice)).posted == Decimal(5)


async def test_holds_lower_available_and_capture_or_release(driver: LedgerDriver) -> None:
    alice = await driver.user_cash()
    clearing, fees = await driver.clearing(), await driver.fees()
    await driver.deposit(alice, "100")
    hold = await driver.run(
        lambda ledger: ledger.place_hold(alice.id, Decimal(60), memo="withdrawal")
    )
    after_hold = await driver.account(alice)
    assert (after_hold.posted, after_hold.held, after_hold.available) == (100, 60, 40)
    with pytest.raises(InsufficientFunds):
        await driver.run(lambda ledger: ledger.place_hold(alice.id, Decimal(41), memo="x"))
    with pytest.raises(InsufficientFunds):
        await driver.transfer(alice, clearing, "40.01")

    captured, entry = await driver.run(
        lambda ledger: ledger.capture_hold(
            hold.id,
            [Leg(clearing.id, Decimal(50)), Leg(fees.id, Decimal(5))],
            memo="withdrawal settled",
        )
    )
    assert captured.status is HoldStatus.CAPTURED
    assert captured.captured_amount == Decimal(55)
    assert entry.metadata["hold"] == str(hold.id)
    settled = await driver.account(alice)
    assert (settled.posted, settled.held, settled.available) == (45, 0, 45)
    assert (await driver.account(fees)).posted == Decimal(5)
    with pytest.raises(HoldNotPending):
        await driver.run(lambda ledger: ledger.release_hold(hold.id))

    second = await driver.run(lambda ledger: ledger.place_hold(alice.id, Decimal(45), memo="y"))
    released = await driver.run(lambda ledger: ledger.release_hold(second.id))
    assert released.status is HoldStatus.RELEASED
    assert (await driver.account(alice)).available == Decimal(45)


async def test_a_capture_cannot_exceed_the_hold(driver: LedgerDriver) -> None:
    alice, clearing = await driver.user_cash(), await driver.clearing()
    await driver.deposit(alice, "100")
    hold = await driver.run(lambda ledger: ledger.place_hold(alice.id, Decimal(10), memo="h"))
    with pytest.raises(InvalidPosting, match=r"at most the 10\.00 held"):
        await driver.run(
            lambda ledger: ledger.capture_hold(hold.id, [Leg(clearing.id, Decimal(11))], memo="c")
        )
    assert (await driver.account(alice)).held == Decimal(10)


async def test_a_reversal_negates_an_entry_once(driver: LedgerDriver) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    await driver.deposit(alice, "30")
    await driver.transfer(alice, bob, "30")
    async with driver.session_factory() as session:
        page = await SqlJournal(session).page(JournalFilter(account_id=bob.id), PageRequest())
    (transfer,) = page.items
    reversal = await driver.run(lambda ledger: ledger.reverse(transfer.id, memo="wrong user"))
    assert reversal.reverses == transfer.id
    assert [p.amount for p in reversal.postings] == [-p.amount for p in transfer.postings]
    assert (await driver.account(bob)).posted == 0
    assert (await driver.account(alice)).posted == Decimal(30)
    reread = await driver.run(lambda ledger: ledger.get_entry(transfer.id))
    assert reread.reversed_by == reversal.id
    with pytest.raises(EntryAlreadyReversed):
        await driver.run(lambda ledger: ledger.reverse(transfer.id, memo="again"))


@pytest.mark.parametrize("table", ["ledger_entries", "ledger_postings"])
async def test_the_database_refuses_to_change_or_delete_the_journal(
    driver: LedgerDriver, engine: AsyncEngine, table: str
) -> None:
    alice = await driver.user_cash()
    await driver.deposit(alice, "10")
    column = "memo = 'x'" if table == "ledger_entries" else "amount = amount * 2"
    for statement in (f"UPDATE {table} SET {column}", f"DELETE FROM {table}"):  # noqa: S608
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text(statement))


async def test_the_database_refuses_an_unbalanced_entry_at_commit(
    driver: LedgerDriver, engine: AsyncEngine
) -> None:
    alice = await driver.user_cash()
    entry_id = new_uuid()
    with pytest.raises(DBAPIError, match="does not sum to zero"):
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO ledger_entries (id, memo, metadata, created_at)"
                    " VALUES (:id, 'forged', '{}', now())"
                ),
                {"id": entry_id},
            )
            for line, amount in ((1, "5"), (2, "-4")):
                await conn.execute(
                    text(
                        "INSERT INTO ledger_postings VALUES (:id, :line, :account, 'INR', :amount)"
                    ),
                    {"id": entry_id, "line": line, "account": alice.id, "amount": Decimal(amount)},
                )


async def test_the_database_refuses_a_negative_user_balance(
    driver: LedgerDriver, engine: AsyncEngine
) -> None:
    alice = await driver.user_cash()
    with pytest.raises(DBAPIError, match="available_not_negative"):
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE ledger_accounts SET posted = -1 WHERE id = :id"), {"id": alice.id}
            )


async def test_a_hold_is_resolved_once_even_behind_the_adapter(
    driver: LedgerDriver, engine: AsyncEngine
) -> None:
    alice = await driver.user_cash()
    await driver.deposit(alice, "10")
    hold = await driver.run(lambda ledger: ledger.place_hold(alice.id, Decimal(5), memo="h"))
    await driver.run(lambda ledger: ledger.release_hold(hold.id))
    with pytest.raises(DBAPIError, match="only a pending hold"):
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE ledger_holds SET status = 'pending', resolved_at = NULL")
            )


async def test_the_ledger_joins_the_caller_s_transaction(
    world: Container, driver: LedgerDriver, engine: AsyncEngine
) -> None:
    """What banking does: its own row and a hold in one commit, or neither."""
    alice = await driver.user_cash()
    await driver.deposit(alice, "100")
    for commit in (False, True):
        async with world.session_factory() as session:
            await session.execute(text("CREATE TEMP TABLE IF NOT EXISTS probe (n int)"))
            await session.execute(text("INSERT INTO probe VALUES (1)"))
            await SqlLedger(session, world.clock).place_hold(alice.id, Decimal(30), memo="w")
            if commit:
                await session.commit()
            else:
                await session.rollback()
        assert (await driver.account(alice)).held == (30 if commit else 0)
