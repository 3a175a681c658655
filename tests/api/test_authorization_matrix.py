"""The authorization matrix, generated from the app's route table.

Every route declares a policy (``adapters.http.policy``): a route without one fails
here. Then every operation that is not public is tried

- anonymously: 401;
- as a signed-in user without the permission it declares: 403;
- for objects with an owner, as another user, on a real object of the owner: 404 — the same
  answer as for an object that does not exist, so nobody learns which ids or codes exist
  (docs/access-control.md);
- on the partner API, with a key that lacks the route's scope: 403;
- on a route that accepts API keys (``key_scope``), with a signed request of a key that lacks
  that scope: 403 ``api_key_scope`` (every other route refuses keys:
  ``tests/api/identity/test_api_key_clients.py``);

and a super admin is neither 401 nor 403 on the permission routes (the declared permission is
one a role can give)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from adapters.http.policy import Policy, policy_of
from adapters.http.routes import RouteInfo, route_table
from domain.identity.request_signing import sign
from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.wiring import build_registry
from tests.api.banking.conftest import kyc_level
from tests.api.trading.conftest import Trading
from tests.support.accounts import Accounts
from tests.support.admins import grant_role, super_admin
from tests.support.files import pdf_bytes, png_bytes
from usecases.governance.worker.advance_proposals import (
    AdvanceProposals,
    AdvanceProposalsHandler,
)

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Served outside the OpenAPI document: documentation, the schema itself, Prometheus.
INFRASTRUCTURE = {"/metrics", "/api/schema", "/api/asyncapi.json", "/api/docs", "/api/redoc"}
INFRASTRUCTURE_PREFIXES = ("/api/docs-assets", "/api/docs/oauth2-redirect")


def _routes() -> list[tuple[str, str, str, RouteInfo]]:
    app = create_app(Settings(_env_file=None, database_url="postgresql://unused@127.0.0.1/x"))
    found = []
    for info in route_table(app.routes):
        for method in sorted(info.methods & set(METHODS)):
            name = getattr(info.endpoint, "__name__", "?")
            operation = f"{info.tags[0]}_{name}" if info.tags else name
            found.append((operation, method, info.path, info))
    return found


ROUTES = _routes()
API = [r for r in ROUTES if r[3].in_schema]


def test_every_route_declares_a_policy() -> None:
    undeclared = [
        f"{method} {path} ({operation})"
        for operation, method, path, info in API
        if policy_of(info.endpoint, operation) is None
    ]
    assert not undeclared, "declare a policy with @access(...): " + ", ".join(undeclared)
    hidden = [
        path
        for _, _, path, info in ROUTES
        if not info.in_schema
        and path not in INFRASTRUCTURE
        and not path.startswith(INFRASTRUCTURE_PREFIXES)
    ]
    assert not hidden, f"routes outside the API document need a decision here: {hidden}"


def _example(document: dict[str, Any], operation: dict[str, Any]) -> Any:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    schema = content["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    examples = schema.get("examples") or [{}]
    return examples[0]


def _files(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    """A small file for each binary field of a multipart body, so that a route's policy, not
    the missing file, decides the answer."""
    content = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if not content:
        return None
    schema = content["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return {
        name: (f"{name}.json", b"{}", "application/json")
        for name, field in schema.get("properties", {}).items()
        if field.get("format") == "binary" or field.get("contentMediaType")
    }


FILLERS = {
    "user_code": "USR-ZZZZZZ",
    "branch_code": "BRN-ZZZZZZ",
    "feature_code": "FTR-ZZZZZZ",
    "role": "admin",
    "platform": "web",
    "step": "aadhaar",
    "quarter": "2026-Q3",
}


def _path(template: str, values: dict[str, str]) -> str:
    path = template
    while "{" in path:
        name = path[path.index("{") + 1 : path.index("}")]
        path = path.replace(
            f"{{{name}}}", values.get(name) or FILLERS.get(name) or str(uuid.uuid4())
        )
    return path


class World:
    """Two ordinary users, an operator, and what the owner routes need."""

    def __init__(self, app: FastAPI, accounts: Accounts) -> None:
        self.app = app
        self.accounts = accounts
        self.client = accounts.client

    async def build(self) -> None:
        self.root = await super_admin(self.app, self.accounts)
        self.owner = await self.accounts.register()
        self.other = await self.accounts.register()
        for user in (self.owner, self.other):
            granted = await self.client.put(
                f"/api/v1/users/{user.user['code']}/platforms/api", headers=self.root.headers
            )
            assert granted.status_code == 200, granted.text
        key = await self.client.post(
            "/api/v1/api-keys",
            headers=self.owner.headers,
            json={"name": "owner's key", "scopes": ["status:read"]},
        )
        assert key.status_code == 201, key.text
        self.owner_key_id = key.json()["key"]["id"]
        self.status_only_key = key.json()["secret"]
        scopeless = await self.client.post(
            "/api/v1/api-keys",
            headers=self.other.headers,
            json={"name": "narrow", "scopes": ["prices:read"]},
        )
        self.narrow_key = scopeless.json()["secret"]
        # a second device: a new-device alert lands in the owner's in-app notifications
        second = await self.accounts.login(self.owner.email, device_id="matrix-second-device")
        assert second.status_code == 200, second.text
        await self._issuer()

    async def _issuer(self) -> None:
        """An issuer the owner administers (a scoped company_admin), with a certificate."""
        api, root = "/api/v1/captable/issuers", self.root.headers
        issuer = await self.client.post(
            api,
            headers=root,
            json={
                "legal_name": "Matrix, Inc.",
                "formation_date": "2021-03-04",
                "country_of_formation": "US",
                "currency": "USD",
            },
        )
        assert issuer.status_code == 201, issuer.text
        issuer_id = issuer.json()["id"]
        await grant_role(
            self.accounts, self.root, self.owner, "company_admin", f"issuer:{issuer_id}"
        )
        path, mine = f"{api}/{issuer_id}", self.owner.headers
        klass = await self.client.post(
            f"{path}/share-classes",
            headers=mine,
            json={
                "name": "Common",
                "class_type": "common",
                "certificate_prefix": "CS",
                "initial_shares_authorized": "1000",
            },
        )
        holder = await self.client.post(
            f"{path}/stakeholders",
            headers=mine,
            json={"legal_name": "Holder", "stakeholder_type": "individual"},
        )
        issued = await self.client.post(
            f"{path}/issuances",
            headers=mine | {"Idempotency-Key": str(uuid.uuid4())},
            json={
                "stakeholder_id": holder.json()["id"],
                "stock_class_id": klass.json()["id"],
                "quantity": "10",
                "date": "2026-01-15",
            },
        )
        assert issued.status_code == 201, issued.text
        security_id = issued.json()["resulting_securities"][0]["id"]
        self.captable = {
            "issuer_id": issuer_id,
            "stock_class_id": klass.json()["id"],
            "stakeholder_id": holder.json()["id"],
            "security_id": security_id,
            "certificate_id": security_id,
            "transfer_id": await self._transfer(path, holder.json()["id"], security_id),
        }
        await self._governance(path, issuer_id, klass.json()["id"])

    async def _governance(self, path: str, issuer_id: str, class_id: str) -> None:
        """The owner also holds shares of the issuer: an open proposal they voted on, and a
        closed one (its window moved into the past, closed by the worker's sweep)."""
        mine = self.owner.headers
        holder = await self.client.post(
            f"{path}/stakeholders",
            headers=mine,
            json={"legal_name": "Owner as holder", "stakeholder_type": "individual"},
        )
        issued = await self.client.post(
            f"{path}/issuances",
            headers=mine | {"Idempotency-Key": str(uuid.uuid4())},
            json={
                "stakeholder_id": holder.json()["id"],
                "stock_class_id": class_id,
                "quantity": "5",
                "date": datetime.now(UTC).date().isoformat(),  # after the transfer
            },
        )
        assert issued.status_code == 201, issued.text
        linked = await self.client.put(
            f"{path}/stakeholders/{holder.json()['id']}/user",
            headers=mine,
            json={"user_code": self.owner.user["code"]},
        )
        assert linked.status_code == 200, linked.text
        ids = []
        for _ in range(2):
            proposal = await self.client.post(
                f"/api/v1/governance/issuers/{issuer_id}/proposals",
                headers=mine,
                json={"title": "Matrix", "voting_period_seconds": 60},
            )
            assert proposal.status_code == 201, proposal.text
            ids.append(proposal.json()["id"])
            await asyncio.sleep(0.01)  # past the snapshot instant
            voted = await self.client.post(
                f"/api/v1/governance/proposals/{ids[-1]}/ballots",
                headers=mine,
                json={"choices": [0]},
            )
            assert voted.status_code == 200, voted.text
        container = self.accounts.container
        async with container.session_factory() as session:
            await session.execute(
                text(
                    "UPDATE governance_proposals SET vote_start = vote_start - interval '1 day', "
                    "vote_end = vote_end - interval '1 day' WHERE id = :id"
                ),
                {"id": ids[1]},
            )
            await session.commit()
        sweep = build_registry(container).resolve(AdvanceProposalsHandler)
        assert (await sweep.execute(AdvanceProposals())).closed == 1
        self.governance = {"issuer_id": issuer_id, "proposal_id": ids[0]}
        self.closed_proposal = {"issuer_id": issuer_id, "proposal_id": ids[1]}

    async def _transfer(self, path: str, holder_id: str, security_id: str) -> str:
        """A completed transfer of the holder's certificate: the holder is a third user (the
        seller), the owner the company admin who completes it."""
        seller, mine = await self.accounts.register(), self.owner.headers
        linked = await self.client.put(
            f"{path}/stakeholders/{holder_id}/user",
            headers=mine,
            json={"user_code": seller.user["code"]},
        )
        assert linked.status_code == 200, linked.text
        buyer = await self.client.post(
            f"{path}/stakeholders",
            headers=mine,
            json={"legal_name": "Buyer", "stakeholder_type": "individual"},
        )
        drafted = await self.client.post(
            f"{path}/transfers",
            headers=seller.headers | {"Idempotency-Key": str(uuid.uuid4())},
            json={
                "security_id": security_id,
                "buyer_id": buyer.json()["id"],
                "quantity": "4",
                "price_per_share": "1.00",
            },
        )
        assert drafted.status_code == 201, drafted.text
        one = f"{path}/transfers/{drafted.json()['id']}"
        for step, who in (("submit", seller), ("rofr/waive", self.owner), ("approve", self.owner)):
            moved = await self.client.post(f"{one}/{step}", headers=who.headers)
            assert moved.status_code == 200, moved.text
        done = await self.client.post(
            f"{one}/complete", headers=mine | {"Idempotency-Key": str(uuid.uuid4())}
        )
        assert done.status_code == 200, done.text
        return str(drafted.json()["id"])

    async def first_id(self, path: str) -> str:
        page = await self.client.get(path, headers=self.owner.headers)
        assert page.status_code == 200, page.text
        items = page.json()["items"]
        assert items, f"{path}: the owner has nothing here"
        return str(items[0]["id"])

    async def owned(self, operation: str) -> dict[str, str]:
        """Path values naming a real object of ``owner``."""
        code = {"user_code": self.owner.user["code"]}
        factories: dict[str, Callable[[], Awaitable[dict[str, str]]]] = {
            "identity_revoke_session": self._session,
            "identity_forget_device": self._device,
            "notifications_mark_read": self._notification,
            "kyc_get_document_url": self._kyc_document,
        }
        if operation in factories:
            return await factories[operation]()
        if "api_key" in operation:
            return {"key_id": self.owner_key_id}
        if operation.startswith("captable_"):
            return self.captable
        if operation in {"governance_verify_ballot", "governance_get_results_pdf"}:
            return self.closed_proposal
        if operation.startswith("governance_"):
            return self.governance
        if operation.startswith("trading_"):
            return await self._order()
        if operation.startswith("portfolio_"):
            return await self._investment()
        return code

    async def _order(self) -> dict[str, str]:
        """A resting order of the owner (a KYC-verified investor with USD)."""
        if getattr(self, "order", None) is None:
            trading = Trading(self.app, self.client, self.app.state.container, self.accounts)
            await trading.seed()
            await kyc_level(self.client, self.owner, 2)
            await trading.fund(self.owner, "1000.00")
            placed = await trading.placed(
                self.owner, symbol="SOL-USD", side="buy", quantity="1", price="150.00"
            )
            self.order = {"order_id": str(placed["id"])}
        return self.order

    async def _investment(self) -> dict[str, str]:
        """An investment of the owner's with one capital call."""
        api, mine = "/api/v1/portfolio/investments", self.owner.headers
        created = await self.client.post(
            api,
            headers=mine,
            json={
                "name": "Matrix Fund I",
                "kind": "fund_commitment",
                "sponsor": "Matrix Capital",
                "sector": "Software",
                "geography": "US",
                "vintage": 2021,
                "currency": "USD",
                "commitment": "1000.00",
                "start_date": "2021-01-01",
            },
        )
        assert created.status_code == 201, created.text
        investment_id = created.json()["id"]
        called = await self.client.post(
            f"{api}/{investment_id}/activities",
            headers=mine,
            json={
                "kind": "contribution",
                "occurred_on": "2021-02-01",
                "amount": "100.00",
                "currency": "USD",
            },
        )
        assert called.status_code == 201, called.text
        attached = await self.client.post(
            "/api/v1/portfolio/documents",
            headers=mine,
            data={"investment_id": investment_id, "kind": "statement", "title": "Q1"},
            files={"file": ("q1.pdf", pdf_bytes(), "application/pdf")},
        )
        assert attached.status_code == 201, attached.text
        return {
            "investment_id": investment_id,
            "activity_id": called.json()["id"],
            "document_id": attached.json()["id"],
        }

    async def _session(self) -> dict[str, str]:
        return {"session_id": await self.first_id("/api/v1/auth/sessions")}

    async def _device(self) -> dict[str, str]:
        return {"device_id": await self.first_id("/api/v1/auth/devices")}

    async def _kyc_document(self) -> dict[str, str]:
        uploaded = await self.client.post(
            "/api/v1/kyc/aadhaar/images",
            headers=self.owner.headers,
            data={"side": "front"},
            files={"file": ("front.png", png_bytes(), "image/png")},
        )
        assert uploaded.status_code == 201, uploaded.text
        return {"document_id": uploaded.json()["id"]}

    async def _notification(self) -> dict[str, str]:
        return {"notification_id": await self.first_id("/api/v1/notifications")}


async def _call(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    body: Any,
    headers: dict[str, str] | None = None,
    files: dict[str, Any] | None = None,
) -> httpx.Response:
    # a share- or money-moving POST reaches its access check only with an Idempotency-Key
    kwargs: dict[str, Any] = {"headers": {"Idempotency-Key": str(uuid.uuid4()), **(headers or {})}}
    if body is not None:
        kwargs["json"] = body
    if files:
        kwargs["files"] = files
    return await client.request(method, path, **kwargs)


async def _signed_call(world: World, method: str, path: str, body: Any) -> httpx.Response:
    """A signed request of the owner's ``status:read`` key (clock: the app's)."""
    request = world.client.build_request(
        method, path, json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    timestamp = str(int(world.accounts.container.clock.now().timestamp() * 1000))
    key = world.status_only_key
    request.headers.update(
        {
            "X-MK-Key": "_".join(key.split("_")[:2]),
            "X-MK-Timestamp": timestamp,
            "X-MK-Signature": sign(
                key, timestamp, method, request.url.raw_path.decode(), request.content
            ),
        }
    )
    return await world.client.send(request)


def _expect(failures: list[str], label: str, response: httpx.Response, status: int) -> None:
    if response.status_code != status:
        failures.append(f"{label}: expected {status}, got {response.status_code} {response.text}")
    elif response.headers.get("content-type") != "application/problem+json":
        failures.append(f"{label}: {status} without problem+json")


async def test_the_matrix(app: FastAPI, accounts: Accounts) -> None:
    document = app.openapi()
    world = World(app, accounts)
    await world.build()
    failures: list[str] = []
    checked = 0
    for operation, method, template, info in API:
        policy: Policy | None = policy_of(info.endpoint, operation)
        assert policy is not None
        if policy.kind == "public":
            continue
        spec = document["paths"][template][method.lower()]
        body = _example(document, spec)
        label = f"{method} {template} [{policy}]"
        anywhere = _path(template, {})
        _expect(
            failures, f"{label} anonymous", await _call(world.client, method, anywhere, body), 401
        )
        checked += 1
        if policy.kind == "permission":
            files = _files(document, spec)
            as_user = await _call(world.client, method, anywhere, body, world.other.headers, files)
            _expect(failures, f"{label} without {policy.permission}", as_user, 403)
            as_root = await _call(world.client, method, anywhere, body, world.root.headers)
            if as_root.status_code in (401, 403):
                failures.append(f"{label} super admin refused: {as_root.text}")
        elif policy.kind == "owner":
            path = _path(template, await world.owned(operation))
            files = _files(document, spec)
            as_other = await _call(world.client, method, path, body, world.other.headers, files)
            _expect(failures, f"{label} as another user", as_other, 404)
        elif policy.kind == "api_key":
            narrow = await _call(
                world.client, method, anywhere, body, {"X-API-Key": world.narrow_key}
            )
            _expect(failures, f"{label} key without {policy.permission}", narrow, 403)
            bearer = await _call(world.client, method, anywhere, body, world.other.headers)
            _expect(failures, f"{label} bearer token instead of a key", bearer, 401)
        if policy.key_scope is not None:
            without = await _signed_call(world, method, anywhere, body)
            _expect(failures, f"{label} key without {policy.key_scope}", without, 403)
            if without.status_code == 403 and without.json().get("code") != "api_key_scope":
                failures.append(f"{label} key without {policy.key_scope}: {without.text}")
    assert not failures, "\n".join(failures)
    print(f"authorization matrix: {checked} operations")
    assert checked >= 40, f"only {checked} operations checked: is the route table complete?"


async def test_owner_routes_work_for_the_owner(app: FastAPI, accounts: Accounts) -> None:
    """The 404s above are about *who* asks: the owner reaching the same objects succeeds."""
    world = World(app, accounts)
    await world.build()
    document = app.openapi()
    for operation, method, template, info in API:
        policy = policy_of(info.endpoint, operation)
        if policy is None or policy.kind != "owner" or method != "GET":
            continue
        path = _path(template, await world.owned(operation))
        response = await _call(world.client, method, path, None, world.owner.headers)
        assert response.status_code == 200, f"{method} {template}: {response.text}"
        assert document["paths"][template]
