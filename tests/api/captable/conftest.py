"""The cap table over HTTP: a platform admin opens issuers, company admins hold the
``company_admin`` role scoped to their issuer (granted through access control), shareholders
are users linked to stakeholders."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.conftest import DEFAULT_REDIS_URL
from tests.support.accounts import Account, Accounts
from tests.support.admins import grant_role, super_admin
from tests.support.databases import truncate_all

API = "/api/v1/captable"


async def _reachable(url: str) -> bool:
    client = Redis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
        return True
    except Exception:
        return False
    finally:
        await client.aclose()


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[Container]:
    """The app's container with the cache in real Redis when reachable (as in production),
    in memory otherwise; its keys in a namespace of this test's own."""
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    namespace = f"meridian-test-{uuid.uuid4().hex[:12]}"
    update: dict[str, Any] = {"redis_namespace": namespace}
    if await _reachable(url):
        update["redis_url"] = url
    built = build_container(settings.model_copy(update=update), database_url, engine=engine)
    yield built
    if built.redis is not None:
        keys = [k async for k in built.redis.scan_iter(f"{namespace}:*")]
        if keys:
            await built.redis.delete(*keys)
    await built.aclose()
    await truncate_all(engine)


@dataclass
class Issuer:
    id: str
    admin: Account
    classes: dict[str, str] = field(default_factory=dict)  # prefix -> id
    stakeholders: dict[str, str] = field(default_factory=dict)  # name -> id

    @property
    def path(self) -> str:
        return f"{API}/issuers/{self.id}"


class CapTable:
    def __init__(self, app: FastAPI, accounts: Accounts) -> None:
        self.app = app
        self.accounts = accounts
        self.client = accounts.client
        self._root: Account | None = None

    async def root(self) -> Account:
        if self._root is None:
            self._root = await super_admin(self.app, self.accounts)
        return self._root

    async def issuer(self, name: str = "Acme Robotics, Inc.", **extra: Any) -> Issuer:
        """A new issuer with a company admin of its own."""
        root = await self.root()
        created = await self.client.post(
            f"{API}/issuers",
            headers=root.headers,
            json={
                "legal_name": name,
                "formation_date": "2021-03-04",
                "country_of_formation": "US",
                "country_subdivision_of_formation": "DE",
                "currency": "USD",
                **extra,
            },
        )
        assert created.status_code == 201, created.text
        issuer_id = created.json()["id"]
        admin = await self.accounts.register()
        await grant_role(self.accounts, root, admin, "company_admin", f"issuer:{issuer_id}")
        return Issuer(issuer_id, admin)

    async def share_class(
        self, issuer: Issuer, prefix: str = "CS", authorized: str = "1000000", **extra: Any
    ) -> str:
        response = await self.client.post(
            f"{issuer.path}/share-classes",
            headers=issuer.admin.headers,
            json={
                "name": f"{prefix} Stock",
                "class_type": "common",
                "certificate_prefix": prefix,
                "initial_shares_authorized": authorized,
                **extra,
            },
        )
        assert response.status_code == 201, response.text
        issuer.classes[prefix] = response.json()["id"]
        return str(response.json()["id"])

    async def stakeholder(self, issuer: Issuer, name: str) -> str:
        response = await self.client.post(
            f"{issuer.path}/stakeholders",
            headers=issuer.admin.headers,
            json={"legal_name": name, "stakeholder_type": "individual"},
        )
        assert response.status_code == 201, response.text
        issuer.stakeholders[name] = response.json()["id"]
        return str(response.json()["id"])

    async def event(
        self,
        issuer: Issuer,
        kind: str,
        body: dict[str, Any],
        *,
        key: str | None = None,
        who: Account | None = None,
    ) -> httpx.Response:
        headers = (who or issuer.admin).headers | {"Idempotency-Key": key or str(uuid.uuid4())}
        return await self.client.post(f"{issuer.path}/{kind}", headers=headers, json=body)

    async def issue(
        self,
        issuer: Issuer,
        holder: str,
        quantity: str,
        *,
        prefix: str = "CS",
        date: str = "2026-01-15",
    ) -> dict[str, Any]:
        response = await self.event(
            issuer,
            "issuances",
            {
                "stakeholder_id": issuer.stakeholders[holder],
                "stock_class_id": issuer.classes[prefix],
                "quantity": quantity,
                "date": date,
            },
        )
        assert response.status_code == 201, response.text
        security: dict[str, Any] = response.json()["resulting_securities"][0]
        return security

    async def get(self, path: str, who: Account, **params: Any) -> httpx.Response:
        return await self.client.get(path, headers=who.headers, params=params)


@pytest.fixture
def captable(app: FastAPI, accounts: Accounts) -> CapTable:
    return CapTable(app, accounts)
