"""Governance over HTTP on a clock the test moves: an issuer with a company admin, holders
linked to platform users, proposals, ballots and the worker's sweep run by hand."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.wiring import build_registry
from tests.api.captable.conftest import CapTable, Issuer
from tests.support.accounts import Account, Accounts
from tests.support.clock import FixedClock
from tests.support.databases import truncate_all
from usecases.governance.worker.advance_proposals import (
    Advanced,
    AdvanceProposals,
    AdvanceProposalsHandler,
)

API = "/api/v1/governance"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str, clock: FixedClock
) -> AsyncIterator[Container]:
    built = build_container(
        # hundreds of holders register from one address (the concurrency test)
        settings.model_copy(
            update={
                "redis_namespace": f"gov-{uuid.uuid4().hex[:8]}",
                "auth_rate_limit_per_ip": 100_000,
            }
        ),
        database_url,
        engine=engine,
        clock=clock,
    )
    yield built
    await built.aclose()
    await truncate_all(engine)


@pytest.fixture
def captable(app: FastAPI, accounts: Accounts) -> CapTable:
    return CapTable(app, accounts)


@dataclass
class Company:
    issuer: Issuer
    holders: dict[str, Account] = field(default_factory=dict)

    @property
    def admin(self) -> Account:
        return self.issuer.admin

    def stakeholder(self, name: str) -> str:
        return self.issuer.stakeholders[name]


class Governance:
    def __init__(self, captable: CapTable, container: Container, clock: FixedClock) -> None:
        self.captable = captable
        self.client: httpx.AsyncClient = captable.client
        self.container = container
        self.clock = clock

    async def company(
        self, holdings: dict[str, str], *, preferred: dict[str, str] | None = None
    ) -> Company:
        """Holders with common shares (1 vote each) and, in ``preferred``, preferred shares
        with 10 votes each; each holder a linked platform user."""
        issuer = await self.captable.issuer()
        await self.captable.share_class(issuer, "CS")
        if preferred:
            await self.captable.share_class(
                issuer, "PA", class_type="preferred", votes_per_share="10"
            )
        company = Company(issuer)
        for name in {**holdings, **(preferred or {})}:
            await self.captable.stakeholder(issuer, name)
            user = await self.captable.accounts.register()
            linked = await self.client.put(
                f"{issuer.path}/stakeholders/{issuer.stakeholders[name]}/user",
                headers=issuer.admin.headers,
                json={"user_code": user.user["code"]},
            )
            assert linked.status_code == 200, linked.text
            company.holders[name] = user
        for name, quantity in holdings.items():
            await self.captable.issue(issuer, name, quantity)
        for name, quantity in (preferred or {}).items():
            await self.captable.issue(issuer, name, quantity, prefix="PA")
        return company

    async def propose(
        self, company: Company, who: Account | None = None, **body: Any
    ) -> httpx.Response:
        payload = {"title": "Approve the 2027 budget", "voting_period_seconds": 60, **body}
        return await self.client.post(
            f"{API}/issuers/{company.issuer.id}/proposals",
            headers=(who or company.admin).headers,
            json=payload,
        )

    async def proposal(self, company: Company, **body: Any) -> dict[str, Any]:
        response = await self.propose(company, **body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    async def vote(self, proposal: dict[str, Any], who: Account, **body: Any) -> httpx.Response:
        return await self.client.post(
            f"{API}/proposals/{proposal['id']}/ballots", headers=who.headers, json=body
        )

    async def get(self, path: str, who: Account, **params: Any) -> httpx.Response:
        return await self.client.get(f"{API}{path}", headers=who.headers, params=params)

    async def post(self, path: str, who: Account, body: Any = None) -> httpx.Response:
        return await self.client.post(f"{API}{path}", headers=who.headers, json=body)

    async def sweep(self) -> Advanced:
        handler = build_registry(self.container).resolve(AdvanceProposalsHandler)
        return await handler.execute(AdvanceProposals())

    async def count(self, table: str) -> int:
        async with self.container.session_factory() as session:
            return int(await session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)  # noqa: S608

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds=seconds)


@pytest.fixture
def governance(captable: CapTable, container: Container, clock: FixedClock) -> Governance:
    return Governance(captable, container, clock)
