"""Driving the ledger adapter for tests and benchmarks: each call its own committed
transaction, like a use case's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import Account, AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.shared.clock import Clock, SystemClock
from domain.shared.ids import UserId, new_uuid

T = TypeVar("T")
INR = Asset.currency("INR")


class LedgerDriver:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock | None = None
    ) -> None:
        self.session_factory = session_factory
        self.clock = clock or SystemClock()

    async def run(self, work: Callable[[SqlLedger], Awaitable[T]]) -> T:
        async with self.session_factory() as session:
            result = await work(SqlLedger(session, self.clock))
            await session.commit()
            return result

    async def open(self, spec: AccountSpec) -> Account:
        return await self.run(lambda ledger: ledger.open_account(spec))

    async def user_cash(self, asset: Asset = INR, owner: UserId | None = None) -> Account:
        return await self.open(
            AccountSpec(owner or UserId(new_uuid()), AccountKind.USER_CASH, asset)
        )

    async def clearing(self, asset: Asset = INR) -> Account:
        return await self.open(AccountSpec(None, AccountKind.BANK_CLEARING, asset))

    async def fees(self, asset: Asset = INR) -> Account:
        return await self.open(AccountSpec(None, AccountKind.PLATFORM_FEES, asset))

    async def transfer(self, source: Account, target: Account, amount: Decimal | str) -> None:
        value = Decimal(amount)
        entry = NewEntry(legs=[Leg(source.id, -value), Leg(target.id, value)], memo="test transfer")
        await self.run(lambda ledger: ledger.post(entry))

    async def deposit(self, account: Account, amount: Decimal | str) -> None:
        await self.transfer(await self.clearing(account.asset), account, amount)

    async def account(self, account: Account) -> Account:
        return await self.run(lambda ledger: ledger.get_account(account.id))
