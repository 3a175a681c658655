"""Property: any sequence of deposits, transfers, withdrawals, holds, captures, releases and
reversals — including those the ledger refuses — leaves every invariant true (checked by the
inspector behind ``meridian ledger check``) and every user balance equal to a simple model."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.persistence.ledger.inspector import SqlLedgerInspector
from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import Account, AccountId
from domain.ledger.entries import EntryId, Leg, NewEntry
from domain.ledger.holds import HoldId
from domain.shared.errors import DomainError
from infrastructure.config.settings import Settings
from infrastructure.database.engine import create_engine, create_session_factory
from tests.support.databases import truncate_all
from tests.support.ledger import LedgerDriver

USERS = 3
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Deposit:
    user: int
    amount: Decimal


@dataclass(frozen=True)
class Transfer:
    source: int
    target: int
    amount: Decimal


@dataclass(frozen=True)
class Withdraw:
    user: int
    amount: Decimal


@dataclass(frozen=True)
class PlaceHold:
    user: int
    amount: Decimal


@dataclass(frozen=True)
class Capture:
    pick: int
    percent: int


@dataclass(frozen=True)
class Release:
    pick: int


@dataclass(frozen=True)
class Reverse:
    pick: int


Op = Deposit | Transfer | Withdraw | PlaceHold | Capture | Release | Reverse
amounts = st.decimals(min_value=CENT, max_value=Decimal(500), places=2)
users = st.integers(0, USERS - 1)
picks = st.integers(0, 1000)
operations = st.lists(
    st.one_of(
        st.builds(Deposit, users, amounts),
        st.builds(Transfer, users, users, amounts),
        st.builds(Withdraw, users, amounts),
        st.builds(PlaceHold, users, amounts),
        st.builds(Capture, picks, st.integers(1, 100)),
        st.builds(Release, picks),
        st.builds(Reverse, picks),
    ),
    max_size=14,
)


@dataclass
class World:
    users: list[Account]
    clearing: Account
    fees: Account
    posted: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * USERS)
    held: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * USERS)
    holds: list[tuple[HoldId, int, Decimal]] = field(default_factory=list)
    entries: list[EntryId] = field(default_factory=list)

    def user_of(self, account_id: AccountId) -> int | None:
        ids = [a.id for a in self.users]
        return ids.index(account_id) if account_id in ids else None

    def posted_legs(self, entry_id: EntryId, legs: list[Leg]) -> Callable[[], None]:
        def update() -> None:
            self.entries.append(entry_id)
            for leg in legs:
                i = self.user_of(leg.account_id)
                if i is not None:
                    self.posted[i] += leg.amount

        return update


async def apply(ledger: SqlLedger, op: Op, w: World) -> Callable[[], None]:
    """Do ``op`` in one transaction; returns how the model changes once it commits."""
    u = w.users
    match op:
        case Deposit(user, amount):
            legs = [Leg(w.clearing.id, -amount), Leg(u[user].id, amount)]
        case Transfer(source, target, amount):
            legs = [Leg(u[source].id, -amount), Leg(u[target].id, amount)]
        case Withdraw(user, amount):
            legs = [Leg(u[user].id, -amount), Leg(w.clearing.id, amount)]
        case PlaceHold(user, amount):
            hold = await ledger.place_hold(u[user].id, amount, memo="hold")
            return lambda: _held(w, hold.id, user, amount)
        case Capture(pick, percent) if w.holds:
            hold_id, owner, held = w.holds[pick % len(w.holds)]
            take = (held * percent / 100).quantize(CENT)
            fee = (take / 10).quantize(CENT)
            counter = [Leg(w.clearing.id, take - fee)] + ([Leg(w.fees.id, fee)] if fee else [])
            await ledger.capture_hold(hold_id, counter, memo="capture")
            return lambda: _resolved(w, owner, held, take)
        case Release(pick) if w.holds:
            hold_id, owner, held = w.holds[pick % len(w.holds)]
            await ledger.release_hold(hold_id)
            return lambda: _resolved(w, owner, held, Decimal(0))
        case Reverse(pick) if w.entries:
            reversal = await ledger.reverse(w.entries[pick % len(w.entries)], memo="reverse")
            legs = [Leg(p.account_id, p.amount) for p in reversal.postings]
            return w.posted_legs(reversal.id, legs)
        case _:
            return lambda: None
    entry = await ledger.post(NewEntry(legs=legs, memo="op"))
    return w.posted_legs(entry.id, legs)


def _held(w: World, hold_id: HoldId, user: int, amount: Decimal) -> None:
    w.holds.append((hold_id, user, amount))
    w.held[user] += amount


def _resolved(w: World, owner: int, held: Decimal, taken: Decimal) -> None:
    w.held[owner] -= held
    w.posted[owner] -= taken


async def scenario(driver: LedgerDriver, ops: list[Op]) -> None:
    accounts = [await driver.user_cash() for _ in range(USERS)]
    w = World(accounts, await driver.clearing(), await driver.fees())
    for op in ops:
        try:
            update = await driver.run(functools.partial(apply, op=op, w=w))
        except DomainError:
            continue  # refused: insufficient funds, already resolved or reversed
        update()
        for i, account in enumerate(w.users):
            now = await driver.account(account)
            assert (now.posted, now.held) == (w.posted[i], w.held[i]), (op, i)
            assert now.available >= 0
    totals, violation = await SqlLedgerInspector(driver.session_factory).inspect()
    assert violation is None, violation
    assert totals.accounts >= USERS


def test_random_sequences_keep_every_invariant(settings: Settings, database_url: str) -> None:
    with asyncio.Runner() as runner:
        engine = create_engine(settings, database_url)
        runner.run(truncate_all(engine))
        driver = LedgerDriver(create_session_factory(engine))

        @hypothesis_settings
        @given(operations)
        def run(ops: list[Op]) -> None:
            runner.run(scenario(driver, ops))

        try:
            run()
        finally:
            runner.run(truncate_all(engine))
            runner.run(engine.dispose())


hypothesis_settings = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
