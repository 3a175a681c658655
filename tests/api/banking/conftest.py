"""Banking over HTTP as real users who passed KYC with the sandboxes' documented numbers
(docs/kyc.md), and the sandbox rail calling the webhook of the app under test."""

from __future__ import annotations

import secrets
import string
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine
from stdnum import verhoeff

from domain.shared.actor import Actor
from infrastructure.app import create_app
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.wiring.banking import rail_handler, sandbox_rail
from infrastructure.wiring.ledger import check_handler
from tests.support.accounts import Account, Accounts
from tests.support.databases import truncate_all
from usecases.banking.submit_rail_instructions import SubmitRailInstructions
from usecases.ledger.check_ledger import CheckLedger

WEBHOOK = "/api/v1/banking/webhooks/rail"
# Tests that are not about limits or velocity keep them out of the way.
ROOMY = {
    "bank_rail_sandbox_settle_seconds": 0.0,
    "banking_velocity_hourly_count": 1000,
    "banking_velocity_daily_amount": Decimal("100000000"),
    "banking_withdrawal_daily_limit": Decimal("100000000"),
}


@pytest.fixture
def banking_settings() -> dict[str, Any]:
    """Overrides of the suite settings for one test module (override the fixture)."""
    return ROOMY


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str, banking_settings: dict[str, Any]
) -> AsyncIterator[Container]:
    built = build_container(
        settings.model_copy(update=banking_settings), database_url, engine=engine
    )
    yield built
    await built.aclose()
    await truncate_all(engine)


@pytest.fixture
def app(container: Container) -> FastAPI:
    return create_app(container.settings, container=container)


def random_pan() -> str:
    letters = string.ascii_uppercase
    head = "".join(secrets.choice(letters) for _ in range(3))
    digits = f"{secrets.randbelow(10**4):04d}"
    return f"{head}P{secrets.choice(letters)}{digits}{secrets.choice('ABCDEFGHJK')}"


def random_aadhaar() -> str:
    body = f"{secrets.choice('23456789')}{secrets.randbelow(10**10):010d}"
    return body + verhoeff.calc_check_digit(body)


def random_account_number() -> str:
    return f"{secrets.randbelow(10**8):08d}7890"


async def _post(client: httpx.AsyncClient, who: Account, path: str, **body: Any) -> httpx.Response:
    return await client.post(f"/api/v1/kyc/{path}", headers=who.headers, json=body or None)


async def kyc_level(
    client: httpx.AsyncClient, who: Account, level: int, *, account_number: str | None = None
) -> str:
    """Walk ``who`` up to KYC ``level`` (2: PAN and Aadhaar; 3: and the bank step); the bank
    account number verified in KYC."""
    pan = await _post(client, who, "pan", pan=random_pan(), name="Priya Sharma")
    assert pan.json().get("state") == "verified", pan.text
    if level >= 2:
        aadhaar = {"aadhaar_number": random_aadhaar(), "name": "Priya Sharma"}
        submitted = await _post(client, who, "aadhaar", **aadhaar, date_of_birth="1990-04-12")
        assert submitted.status_code == 200, submitted.text
        assert (await _post(client, who, "aadhaar/otp")).status_code == 200
        verified = await _post(client, who, "aadhaar/otp/verify", otp="123456")
        assert verified.json()["state"] == "verified", verified.text
    number = account_number or random_account_number()
    if level >= 3:
        bank = await _post(client, who, "bank", account_number=number, ifsc="HDFC0001098")
        assert bank.json()["state"] == "verified", bank.text
    return number


@dataclass
class Banking:
    client: httpx.AsyncClient
    container: Container
    accounts: Accounts

    async def user(self, level: int = 3) -> Account:
        who = await self.accounts.register()
        await kyc_level(self.client, who, level)
        return who

    def rail(self) -> SandboxBankRail:
        return sandbox_rail(self.container, self.client, WEBHOOK)

    async def settle(self) -> int:
        """The worker submits every due instruction; the sandbox calls the webhook back."""
        rail = self.rail()
        taken = await rail_handler(self.container, rail).execute(SubmitRailInstructions())
        await rail.drain()
        return taken

    async def deposit(self, who: Account, amount: str, **extra: Any) -> httpx.Response:
        body = {"amount": amount, "currency": "INR", "method": "upi"} | extra
        return await self.client.post("/api/v1/banking/deposits", headers=who.keyed(), json=body)

    async def funded(self, amount: str = "1000.00") -> Account:
        who = await self.user()
        assert (await self.deposit(who, amount)).status_code == 201
        assert await self.settle() == 1
        return who

    async def withdraw(
        self, who: Account, amount: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> httpx.Response:
        body = {"amount": amount, "currency": "INR"} | extra
        return await self.client.post(
            "/api/v1/banking/withdrawals", headers=who.keyed() | (headers or {}), json=body
        )

    async def balance(self, who: Account) -> dict[str, str]:
        response = await self.client.get("/api/v1/ledger/balances", headers=who.headers)
        items = [b for b in response.json()["items"] if b["asset"] == "INR"]
        if not items:
            return {"posted": "0.00", "held": "0.00", "available": "0.00"}
        return {k: items[0][k] for k in ("posted", "held", "available")}

    async def ledger_violation(self) -> object:
        """The first broken ledger invariant (``meridian ledger check``), or None."""
        report = await check_handler(self.container).execute(CheckLedger(actor=Actor.system("t")))
        return report.violation


@pytest.fixture
def banking(client: httpx.AsyncClient, container: Container, accounts: Accounts) -> Banking:
    return Banking(client, container, accounts)
