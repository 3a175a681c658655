"""Share transfers over HTTP: a company with a share class, a seller who is a platform user
linked to the stakeholder holding a certificate, a buyer, and the routes of every step."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import text

from adapters.persistence.ledger.ledger import SqlLedger
from infrastructure.container import Container
from tests.api.captable.conftest import CapTable, Issuer
from tests.support.accounts import Account
from usecases.ledger.public import AccountKind, AccountSpec, Asset, Leg, NewEntry


@dataclass
class Deal:
    """An issuer, its seller (linked, holding ``certificate``) and buyer stakeholders."""

    issuer: Issuer
    seller: Account
    seller_id: str
    buyer_id: str
    certificate: dict[str, Any]
    buyer: Account | None = None

    @property
    def transfers(self) -> str:
        return f"{self.issuer.path}/transfers"


class Transfers:
    def __init__(self, captable: CapTable, container: Container) -> None:
        self.captable = captable
        self.container = container
        self.client: httpx.AsyncClient = captable.client

    async def link(self, issuer: Issuer, stakeholder_id: str, user: Account) -> None:
        response = await self.client.put(
            f"{issuer.path}/stakeholders/{stakeholder_id}/user",
            headers=issuer.admin.headers,
            json={"user_code": user.user["code"]},
        )
        assert response.status_code == 200, response.text

    async def deal(
        self,
        *,
        shares: str = "1000",
        seller: Account | None = None,
        buyer: Account | None = None,
        **issuer_fields: Any,
    ) -> Deal:
        issuer = await self.captable.issuer(**issuer_fields)
        await self.captable.share_class(issuer)
        seller_id = await self.captable.stakeholder(issuer, "Sam Seller")
        buyer_id = await self.captable.stakeholder(issuer, "Bea Buyer")
        certificate = await self.captable.issue(issuer, "Sam Seller", shares)
        seller = seller or await self.captable.accounts.register()
        await self.link(issuer, seller_id, seller)
        if buyer is not None:
            await self.link(issuer, buyer_id, buyer)
        return Deal(issuer, seller, seller_id, buyer_id, certificate, buyer)

    async def draft(
        self,
        deal: Deal,
        quantity: str = "400",
        price: str = "2.50",
        *,
        who: Account | None = None,
        key: str | None = None,
        **extra: Any,
    ) -> httpx.Response:
        body = {
            "security_id": deal.certificate["id"],
            "buyer_id": deal.buyer_id,
            "quantity": quantity,
            "price_per_share": price,
        } | extra
        headers = (who or deal.seller).headers | {"Idempotency-Key": key or str(uuid.uuid4())}
        return await self.client.post(deal.transfers, headers=headers, json=body)

    async def step(
        self,
        deal: Deal,
        transfer_id: str,
        step: str,
        who: Account,
        body: dict[str, Any] | None = None,
        *,
        key: str | None = None,
    ) -> httpx.Response:
        headers = who.headers
        if step == "complete":
            headers = headers | {"Idempotency-Key": key or str(uuid.uuid4())}
        return await self.client.post(
            f"{deal.transfers}/{transfer_id}/{step}", headers=headers, json=body
        )

    async def drafted(self, deal: Deal, quantity: str = "400", price: str = "2.50") -> str:
        response = await self.draft(deal, quantity, price)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def approved(self, deal: Deal, quantity: str = "400", price: str = "2.50") -> str:
        """Drafted, submitted, the right waived, approved."""
        transfer_id = await self.drafted(deal, quantity, price)
        admin = deal.issuer.admin
        for step, who in (("submit", deal.seller), ("rofr/waive", admin), ("approve", admin)):
            response = await self.step(deal, transfer_id, step, who)
            assert response.status_code == 200, response.text
        return transfer_id

    async def get(self, deal: Deal, transfer_id: str, who: Account) -> httpx.Response:
        return await self.client.get(f"{deal.transfers}/{transfer_id}", headers=who.headers)

    async def fund(self, who: Account, amount: str, currency: str = "USD") -> None:
        """Cash on the user's account, as a settled deposit would leave it."""
        async with self.container.session_factory() as session:
            ledger = SqlLedger(session, self.container.clock)
            asset = Asset.currency(currency)
            user_id = uuid.UUID(who.user["id"])
            cash = await ledger.open_account(AccountSpec(user_id, AccountKind.USER_CASH, asset))  # type: ignore[arg-type]
            clearing = await ledger.open_account(
                AccountSpec(None, AccountKind.BANK_CLEARING, asset)
            )
            await ledger.post(
                NewEntry(
                    legs=[Leg(clearing.id, -Decimal(amount)), Leg(cash.id, Decimal(amount))],
                    memo="test deposit",
                )
            )
            await session.commit()

    async def cash(self, who: Account, currency: str = "USD") -> Decimal:
        response = await self.client.get("/api/v1/ledger/balances", headers=who.headers)
        assert response.status_code == 200, response.text
        items = [b for b in response.json()["items"] if b["asset"] == currency]
        return Decimal(items[0]["posted"]) if items else Decimal(0)

    async def fees(self, currency: str = "USD") -> Decimal:
        async with self.container.engine.connect() as connection:
            total = await connection.scalar(
                text(
                    "SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p "
                    "JOIN ledger_accounts a ON a.id = p.account_id "
                    "WHERE a.kind = 'platform_fees' AND a.asset_code = :asset"
                ),
                {"asset": currency},
            )
        return Decimal(total)

    async def count(self, table: str) -> int:
        async with self.container.engine.connect() as connection:
            query = text(f"SELECT count(*) FROM {table}")  # noqa: S608 (a table name we write)
            return int(await connection.scalar(query) or 0)
