"""Hot platform accounts (bank clearing, suspense: every deposit, settlement and adjustment
posts to one) are spread over shard rows: two open transactions posting to the same one do not
wait on each other, and callers still see one account with one balance."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlalchemy import text

from adapters.persistence.ledger.inspector import SqlLedgerInspector
from adapters.persistence.ledger.journal import SqlJournal
from adapters.persistence.ledger.ledger import HOT_ACCOUNT_SHARDS, SqlLedger
from domain.ledger.accounts import Account, AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.shared.pagination import PageRequest
from tests.support.ledger import INR, LedgerDriver
from usecases.ledger.ports import JournalFilter


def deposit(clearing: Account, cash: Account, amount: str) -> NewEntry:
    value = Decimal(amount)
    return NewEntry(legs=[Leg(clearing.id, -value), Leg(cash.id, value)], memo="deposit")


async def test_two_open_transactions_post_to_the_clearing_account_without_waiting(
    driver: LedgerDriver,
) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    clearing = await driver.clearing()
    async with driver.session_factory() as first:
        await SqlLedger(first, driver.clock).post(deposit(clearing, alice, "100"))
        # the first transaction stays open, holding what it locked; on one clearing row the
        # second would wait for it and fail on its lock timeout instead of committing
        async with driver.session_factory() as second:
            await second.execute(text("SET LOCAL lock_timeout = '5s'"))
            await SqlLedger(second, driver.clock).post(deposit(clearing, bob, "40"))
            await second.commit()
        assert (await driver.account(bob)).posted == Decimal(40)
        await first.commit()
    assert (await driver.account(clearing)).posted == Decimal(-140)
    _, violation = await SqlLedgerInspector(driver.session_factory).inspect()
    assert violation is None, violation


async def test_a_hot_account_is_one_account_to_its_callers(driver: LedgerDriver) -> None:
    alice = await driver.user_cash()
    clearing = await driver.clearing()
    again = await driver.clearing()
    assert again.id == clearing.id
    await asyncio.gather(*(driver.deposit(alice, "10") for _ in range(12)))
    assert (await driver.account(clearing)).posted == Decimal(-120)
    assert (await driver.clearing()).posted == Decimal(-120)

    async with driver.session_factory() as session:
        rows = (
            await session.execute(
                text(
                    "SELECT count(*), count(DISTINCT p.account_id) FROM ledger_postings p"
                    " JOIN ledger_accounts a ON a.id = p.account_id WHERE a.owner_id IS NULL"
                )
            )
        ).one()
        assert rows[0] == 12
        journal = await SqlJournal(session).page(
            JournalFilter(account_id=clearing.id), PageRequest(limit=50)
        )
    assert len(journal.items) == 12  # whichever shard each landed on
    for entry in journal.items:  # entries name the account, never a shard
        assert {p.account_id for p in entry.postings} == {clearing.id, alice.id}

    entry = journal.items[0]
    reversal = await driver.run(lambda ledger: ledger.reverse(entry.id, memo="undo"))
    assert {p.account_id for p in reversal.postings} == {clearing.id, alice.id}
    assert (await driver.account(clearing)).posted == Decimal(-110)
    totals, violation = await SqlLedgerInspector(driver.session_factory).inspect()
    assert violation is None, violation
    assert totals.accounts == 2  # shards are rows of the clearing account, not accounts


async def test_only_accounts_that_may_go_negative_are_sharded(driver: LedgerDriver) -> None:
    await driver.clearing()
    await driver.fees()  # may not go negative: a debit must see its whole balance on one row
    await driver.open(AccountSpec(None, AccountKind.SUSPENSE, Asset.currency("USD")))
    await driver.user_cash(INR)
    async with driver.session_factory() as session:
        rows = (
            await session.execute(
                text(
                    "SELECT kind, count(*) FROM ledger_accounts WHERE parent_id IS NOT NULL"
                    " OR shard = 0 GROUP BY kind ORDER BY kind"
                )
            )
        ).all()
    assert [(r[0], r[1]) for r in rows] == [
        ("bank_clearing", HOT_ACCOUNT_SHARDS),
        ("platform_fees", 1),
        ("suspense", HOT_ACCOUNT_SHARDS),
        ("user_cash", 1),
    ]
