"""Concurrent spends over real connections: locks taken in account-id order serialise them,
so one balance is never overdrawn and crossing transfers never deadlock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal

from adapters.persistence.ledger.inspector import SqlLedgerInspector
from domain.ledger.errors import InsufficientFunds
from tests.support.ledger import LedgerDriver


async def attempt(work: Awaitable[object]) -> str:
    try:
        await work
    except InsufficientFunds:
        return "refused"
    return "done"


async def test_a_hundred_concurrent_spends_never_overdraw(driver: LedgerDriver) -> None:
    alice = await driver.user_cash()
    clearing = await driver.clearing()
    await driver.deposit(alice, "1000")
    outcomes = await asyncio.gather(
        *(attempt(driver.transfer(alice, clearing, "15")) for _ in range(50)),
        *(
            attempt(
                driver.run(lambda ledger: ledger.place_hold(alice.id, Decimal(15), memo="order"))
            )
            for _ in range(50)
        ),
    )
    assert outcomes.count("done") == 66  # 66 x 15 = 990 of the 1000
    assert outcomes.count("refused") == 34
    final = await driver.account(alice)
    assert final.available == Decimal(10)
    assert final.posted >= final.held
    _, violation = await SqlLedgerInspector(driver.session_factory).inspect()
    assert violation is None, violation


async def test_crossing_transfers_do_not_deadlock(driver: LedgerDriver) -> None:
    alice, bob = await driver.user_cash(), await driver.user_cash()
    await driver.deposit(alice, "300")
    await driver.deposit(bob, "300")
    outcomes = await asyncio.gather(
        *(
            attempt(driver.transfer(alice, bob, "7") if i % 2 else driver.transfer(bob, alice, "7"))
            for i in range(60)
        )
    )
    assert outcomes.count("done") == 60
    total = (await driver.account(alice)).posted + (await driver.account(bob)).posted
    assert total == Decimal(600)
    _, violation = await SqlLedgerInspector(driver.session_factory).inspect()
    assert violation is None, violation
