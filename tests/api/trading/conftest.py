"""Trading over HTTP on the real app: instruments seeded through the seeding use case, KYC-
verified investors funded in USD (as a settled deposit and a conversion would leave them), and
securities given to sellers through the ledger; the ledger checked after every test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from adapters.persistence.ledger.ledger import SqlLedger
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from infrastructure.container import Container
from tests.api.banking.conftest import kyc_level
from tests.support.accounts import Account, Accounts
from tests.support.admins import super_admin
from usecases.ledger.check_ledger import CheckLedger, CheckLedgerHandler
from usecases.trading.instruments.seed_instruments import SeedInstruments, SeedInstrumentsHandler

API = "/api/v1/trading"


@dataclass
class Trading:
    app: FastAPI
    client: httpx.AsyncClient
    container: Container
    accounts: Accounts

    async def seed(self) -> int:
        handler = self.app.state.handlers.resolve(SeedInstrumentsHandler)
        added: int = await handler.execute(SeedInstruments(actor=Actor.system("test")))
        return added

    async def admin(self) -> Account:
        return await super_admin(self.app, self.accounts)

    async def investor(self, usd: str | None = None, level: int = 2) -> Account:
        who = await self.accounts.register()
        if level:
            await kyc_level(self.client, who, level)
        if usd is not None:
            await self.fund(who, usd)
        return who

    async def _post(self, legs: list[tuple[AccountSpec, Decimal]]) -> None:
        async with self.container.session_factory() as session:
            ledger = SqlLedger(session, self.container.clock)
            opened = [await ledger.open_account(spec) for spec, _ in legs]
            await ledger.post(
                NewEntry(
                    legs=[Leg(a.id, amount) for a, (_, amount) in zip(opened, legs, strict=True)],
                    memo="test funding",
                )
            )
            await session.commit()

    async def fund(self, who: Account, usd: str) -> None:
        asset = Asset.currency("USD")
        await self._post(
            [
                (AccountSpec(None, AccountKind.BANK_CLEARING, asset), -Decimal(usd)),
                (AccountSpec(user_id(who), AccountKind.USER_CASH, asset), Decimal(usd)),
            ]
        )

    async def give(self, who: Account, symbol: str, quantity: str, places: int) -> None:
        """Securities on the user's account (as a transfer in from outside would leave them)."""
        asset = Asset.instrument(symbol, places)
        await self._post(
            [
                (AccountSpec(None, AccountKind.SUSPENSE, asset), -Decimal(quantity)),
                (AccountSpec(user_id(who), AccountKind.USER_SECURITIES, asset), Decimal(quantity)),
            ]
        )

    async def place(self, who: Account, key: str | None = "auto", **order: Any) -> httpx.Response:
        headers = dict(who.headers)
        if key is not None:
            headers["Idempotency-Key"] = str(uuid.uuid4()) if key == "auto" else key
        body = {"order_type": "limit", "time_in_force": "gtc", **order}
        return await self.client.post(f"{API}/orders", headers=headers, json=body)

    async def placed(self, who: Account, **order: Any) -> dict[str, Any]:
        response = await self.place(who, **order)
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def get(self, path: str, who: Account, **params: Any) -> httpx.Response:
        return await self.client.get(f"{API}{path}", headers=who.headers, params=params)

    async def book(self, who: Account, symbol: str, side: str, limit: int = 50) -> list[Any]:
        """One side of the book as (price, quantity, orders), every page of it."""
        levels: list[Any] = []
        cursor = None
        while True:
            params = {"side": side, "limit": limit, **({"cursor": cursor} if cursor else {})}
            page = await self.get(f"/instruments/{symbol}/book", who, **params)
            assert page.status_code == 200, page.text
            levels += [(i["price"], i["quantity"], i["orders"]) for i in page.json()["items"]]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return levels

    async def balance(self, who: Account, asset: str) -> tuple[Decimal, Decimal]:
        """(posted, held) of the user's account in ``asset``."""
        response = await self.client.get("/api/v1/ledger/balances", headers=who.headers)
        assert response.status_code == 200, response.text
        for item in response.json()["items"]:
            if item["asset"] == asset:
                return Decimal(item["posted"]), Decimal(item["held"])
        return Decimal(0), Decimal(0)

    async def count(self, table: str) -> int:
        async with self.container.engine.connect() as connection:
            query = text(f"SELECT count(*) FROM {table}")  # noqa: S608 (a table name we write)
            return int(await connection.scalar(query) or 0)

    async def check_ledger(self) -> None:
        handler = self.app.state.handlers.resolve(CheckLedgerHandler)
        report = await handler.execute(CheckLedger(actor=Actor.system("test")))
        assert report.consistent, report.violation


def user_id(who: Account) -> UserId:
    return UserId(uuid.UUID(who.user["id"]))


@pytest.fixture
async def trading(
    app: FastAPI, client: httpx.AsyncClient, container: Container, accounts: Accounts
) -> AsyncIterator[Trading]:
    helper = Trading(app, client, container, accounts)
    await helper.seed()
    yield helper
    await helper.check_ledger()  # meridian ledger check passes after every trading test
