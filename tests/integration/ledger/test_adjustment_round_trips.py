"""An operator adjustment through its use case: what it sends to PostgreSQL (BEGIN, the key's
claim, the accounts read and locked in one statement, the write, the stored result with the
audit row, COMMIT), and that the accounts it locks up front (a hot account's shard kept for
the transaction) leave the ledger consistent however many entries the transaction posts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import event, func, select, text

from adapters.persistence.ledger.ledger import ACCOUNTS
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.entries import Leg, NewEntry
from domain.shared.actor import Actor
from infrastructure.container import Container
from infrastructure.wiring import build_registry
from tests.support.ledger import INR, LedgerDriver
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler
from usecases.ledger.check_ledger import CheckLedger, CheckLedgerHandler
from usecases.ledger.post_adjustment import PostAdjustment, PostAdjustmentHandler
from usecases.shared.idempotency import IdempotencyKey

SYSTEM = Actor.system("test")


@contextmanager
def round_trips(world: Container) -> Iterator[list[str]]:
    """What the engine sends meanwhile: each statement, and BEGIN and COMMIT."""
    sent: list[str] = []
    engine = world.engine.sync_engine

    def statement(_c: Any, _cursor: Any, sql: str, *_: Any) -> None:
        sent.append(" ".join(sql.split())[:60])

    def begin(_c: Any) -> None:
        sent.append("BEGIN")

    def commit(_c: Any) -> None:
        sent.append("COMMIT")

    listeners = (("before_cursor_execute", statement), ("begin", begin), ("commit", commit))
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield sent
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


async def _operator_and_user(world: Container) -> tuple[Any, str]:
    registry = build_registry(world)
    view = await registry.resolve(CreateAdminHandler).execute(
        CreateAdmin(
            actor=SYSTEM,
            email="adjusted@example.com",
            mobile="+919000000001",
            password="a password that is long enough",
            super_admin=False,
        )
    )
    return registry, view.code


def _adjustment(code: str, n: int, amount: str) -> PostAdjustment:
    return PostAdjustment(
        actor=SYSTEM,
        user_code=code,
        asset="INR",
        amount=Decimal(amount),
        memo="correction",
        idempotency=IdempotencyKey(f"key-{n}", f"fingerprint-{n}"),
    )


async def test_an_adjustment_is_six_round_trips(world: Container) -> None:
    registry, code = await _operator_and_user(world)
    handler = registry.resolve(PostAdjustmentHandler)
    await handler.execute(_adjustment(code, 0, "10.00"))  # opens the accounts
    with round_trips(world) as sent:
        outcome = await handler.execute(_adjustment(code, 1, "-2.50"))
    assert outcome.value is not None
    assert not outcome.replayed
    # before: eight (a read of the accounts, then their locks; the stored result, then the
    # audit row)
    assert len(sent) == 6, sent
    assert sent[0] == "BEGIN"
    assert sent[-1] == "COMMIT"
    replay = await handler.execute(_adjustment(code, 1, "-2.50"))
    assert replay.replayed
    assert replay.value == outcome.value


async def test_adjustments_leave_the_ledger_consistent(world: Container) -> None:
    registry, code = await _operator_and_user(world)
    handler = registry.resolve(PostAdjustmentHandler)
    for n, amount in enumerate(["10.00", "-2.50", "7.25", "-4.75", "1.00"]):
        await handler.execute(_adjustment(code, n, amount))
    report = await registry.resolve(CheckLedgerHandler).execute(CheckLedger(actor=SYSTEM))
    assert report.consistent, report
    async with world.session_factory() as session:
        suspense = await session.scalar(
            select(func.sum(ACCOUNTS.c.posted)).where(ACCOUNTS.c.kind == "suspense")
        )
    assert suspense == Decimal("-11.00")


async def test_several_entries_on_accounts_locked_up_front(
    world: Container, driver: LedgerDriver
) -> None:
    """The shard of the hot account drawn by ``open_locked`` serves every later post of the
    transaction, its amounts kept as each one changes them."""
    user = await driver.user_cash()
    specs = (
        AccountSpec(user.owner, AccountKind.USER_CASH, INR),
        AccountSpec(None, AccountKind.SUSPENSE, INR),
    )

    async def posts(ledger: Any) -> None:
        cash, suspense = await ledger.open_locked(*specs)
        start = cash.posted
        for amount in ("5.00", "-1.25", "3.00"):
            value = Decimal(amount)
            await ledger.post(
                NewEntry(legs=[Leg(cash.id, value), Leg(suspense.id, -value)], memo="batch")
            )
        again = await ledger.open_locked(*specs)
        assert again[0].posted == start + Decimal("6.75")
        assert again[1].posted == -again[0].posted

    await driver.run(posts)
    await driver.run(posts)
    report = (
        await build_registry(world).resolve(CheckLedgerHandler).execute(CheckLedger(actor=SYSTEM))
    )
    assert report.consistent, report
    async with world.session_factory() as session:
        rows = (
            await session.execute(
                text("SELECT sum(posted) FROM ledger_accounts WHERE kind = 'suspense'")
            )
        ).one()
    assert rows[0] == Decimal("-13.50")
    assert (await driver.account(user)).posted == Decimal("13.50")
